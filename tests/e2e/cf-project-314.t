# issue 19: a Worker project with a current compatibility_date gets Python 3.14
# (Pyodide 314, as workerd picks it from 2026-09-08), and the bundle is a Worker
# project: the wrangler config as it was, main's folder at its path, pyproject.toml,
# python_modules/; no app/, no pyodide-packages.txt
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --format json
exit: 0
json: d["target"] == "cf-python-workers-3.14"
json: d["profile"]["python"] == "3.14" and d["profile"]["runtime"] == "Pyodide 314.0.6" and "2026-09-08" in d["profile"]["why"]
json: sorted(__import__("os").listdir(TMP + "/out")) == ["bundle.json", "pyproject.toml", "python_modules", "src", "wrangler.jsonc"]
json: open(TMP + "/out/wrangler.jsonc").read() == open(TMP + "/proj/wrangler.jsonc").read()
json: sorted(__import__("os").listdir(TMP + "/out/src")) == ["helpers.py", "worker.py"]
--- file proj/wrangler.jsonc
{
	"name": "current",
	"main": "src/worker.py",
	"compatibility_date": "2026-11-02",
	// the runtime's own workers SDK: nothing to vendor
	"compatibility_flags": ["python_workers", "disable_python_external_sdk"],
}
--- end
--- file proj/pyproject.toml
[project]
name = "current"
version = "0.1.0"
dependencies = []
--- end
--- file proj/src/worker.py
from workers import Response, WorkerEntrypoint
import helpers


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(helpers.hello())
--- end
--- file proj/src/helpers.py
def hello():
    return "hello"
--- end
--- file proj/tests/test_worker.py
import pytest
--- end
