# issue 19: --python-version 3.12 picks the 3.12 profile over a project without a
# wrangler config; the wrangler.jsonc written for the entry is dated so that workerd
# picks 3.12 as well, with no later feature on (2025-08-13: before 2025-08-14's
# class-only handlers and 2025-09-29's Python 3.13)
args: bundle $TMP/proj --target cf-python-workers --python-version 3.12 -o $TMP/out --format json
exit: 0
json: d["target"] == "cf-python-workers-3.12"
json: d["profile"]["why"] == "--python-version 3.12" and d["profile"]["runtime"] == "Pyodide 0.27.7"
json: '"compatibility_date": "2025-08-13"' in open(TMP + "/out/wrangler.jsonc").read()
json: sorted(__import__("os").listdir(TMP + "/out/src")) == ["entry.py"]
json: d["profile"]["note"] is None
--- file proj/src/entry.py
from workers import Response


async def on_fetch(request, env):
    return Response("no config")
--- end
