# --verify: workerd's JavaScript globals an app imports from js (HTMLRewriter,
# WebSocketPair) exist in every verifier, and a handler that uses one is "not
# conclusive" at the line that uses it (Pyodide under node has none of them: the
# verifier puts throwing placeholders on its global scope)
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 0
json: any(v["runtime"].startswith("Pyodide") and v["inconclusive"] for v in d["verify"])
json: all("used js.HTMLRewriter" in v["skipped"] and "(a JavaScript API of workerd) at src:worker.py:7" in v["skipped"] for v in d["verify"] if v["inconclusive"])
--- file proj/wrangler.toml
name = "rewriter"
main = "src/worker.py"
compatibility_date = "2025-11-02"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/worker.py
from workers import Response, WorkerEntrypoint
from js import HTMLRewriter, WebSocketPair


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        rewriter = HTMLRewriter.new()
        return Response(str(rewriter))
--- end
