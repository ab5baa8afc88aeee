# issue 19: on Python 3.13 (the python_workers_20250116 flag) cgi is gone (PEP 594): the
# same app does not resolve there
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out
exit: 1
stderr-contains: entry.py:1: 'cgi' is imported when the app loads but resolves nowhere
--- file proj/wrangler.toml
name = "older"
main = "src/entry.py"
compatibility_date = "2025-03-01"
compatibility_flags = ["python_workers", "python_workers_20250116"]
--- end
--- file proj/src/entry.py
import cgi

from workers import Response


async def on_fetch(request, env):
    return Response(cgi.__name__)
--- end
