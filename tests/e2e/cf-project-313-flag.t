# issue 19: the python_workers_20250116 flag picks Python 3.13 (Pyodide 0.28)
# whatever the date; --python-version overrides the config
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --format json
exit: 0
json: d["target"] == "cf-python-workers" and d["profile"]["python"] == "3.13"
json: d["profile"]["why"] == "compatibility flag python_workers_20250116"
--- file proj/wrangler.toml
name = "old"
main = "src/entry.py"
compatibility_date = "2025-01-10"
compatibility_flags = ["python_workers", "python_workers_20250116"]
--- end
--- file proj/src/entry.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("old")
--- end
