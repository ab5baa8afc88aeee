# issue 19: the 3.12 profile in bundle.json: the target, the profile and why; the
# project is a Worker project as for the other profiles
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --format json
exit: 0
json: d["target"] == "cf-python-workers-3.12"
json: d["profile"] == {"python": "3.12", "runtime": "Pyodide 0.27.7", "why": "compatibility_date 2025-03-01, before 2025-09-29", "note": None}
json: sorted(__import__("os").listdir(TMP + "/out")) == ["bundle.json", "python_modules", "src", "wrangler.toml"]
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
