# issue 18: a handler that raises fails the verify (exit 1) with the exception
# and the file:line of the frame that raised, in the report and in bundle.json
args: bundle $TMP/app --target cf-python-workers -o $TMP/out --verify --format json
exit: 1
json: any(v["ran"] for v in d["verify"])
json: all(not v["ok"] and v["error_type"] == "KeyError" and v["frame"].endswith("entry.py:6") and v["frame_distribution"] == "the app" for v in d["verify"] if v["ran"])
json: all(not v["ok"] for v in __import__("json").load(open(TMP + "/out/bundle.json"))["verify"] if v["ran"])
--- file app/entry.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response({}["missing"])
--- end
