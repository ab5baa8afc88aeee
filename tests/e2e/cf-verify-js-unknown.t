# --verify: a js name that is neither JavaScript's nor workerd's is still a failure:
# only the runtime's own APIs are "not conclusive"
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 1
json: any(v["ran"] and not v["ok"] and v["error_type"] == "ImportError" for v in d["verify"] if v["runtime"].startswith("Pyodide"))
json: not any(v["inconclusive"] for v in d["verify"])
--- file proj/wrangler.toml
name = "typo"
main = "src/worker.py"
compatibility_date = "2025-11-02"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/worker.py
from workers import Response, WorkerEntrypoint
from js import HTMLRewritter


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(str(HTMLRewritter))
--- end
