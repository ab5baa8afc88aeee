# issue 18: the entry from wrangler.toml's main (not one of the default names);
# the modules of main's folder are named from it, as Cloudflare uploads them
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --format json
exit: 0
json: d["entry"] == "app" and d["entry_file"].endswith("py/app.py")
json: sorted(m["name"] for m in d["modules"] if m["origin"] == "app") == ["app", "util"]
--- file proj/wrangler.toml
name = "toml-worker"
main = "py/app.py"   # not src/entry.py
compatibility_date = "2026-01-10"
compatibility_flags = ["python_workers"]

[vars]
MODE = "test"
--- end
--- file proj/py/app.py
import util
from workers import WorkerEntrypoint, Response


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(util.answer())
--- end
--- file proj/py/util.py
def answer():
    return "42"
--- end
