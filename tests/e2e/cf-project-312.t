# issue 19: python_workers with a compatibility_date before 2025-09-29 gets Python 3.12
# (Pyodide 0.27.7, as pywrangler resolves it; workerd names pyodide_0.26.0a2 for it), and
# the report says why; on 2025-03-01 neither class-only handlers (2025-08-14) nor the
# external workers SDK (2026-04-21) are on, so a global on_fetch is the handler
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out
exit: 0
stdout-contains: for cf-python-workers-3.12: entry entry
stdout-contains: runtime: Python 3.12 on Pyodide 0.27.7 (compatibility_date 2025-03-01, before 2025-09-29)
stdout-contains: /node_modules/pyodide-027/python_stdlib.zip (read for the memory estimate only
stdout-contains: limits (cf-python-workers-3.12):
stdout-lacks: Python 3.13
stdout-lacks: workers-runtime-sdk
--- file proj/wrangler.toml
name = "older"
main = "src/entry.py"
compatibility_date = "2025-03-01"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/entry.py
from workers import Response


async def on_fetch(request, env):
    return Response("older")
--- end
