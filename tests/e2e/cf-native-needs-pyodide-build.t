# issue 19: the runtime provides no packages: regex's native code runs there only
# as Pyodide's build, so a host wheel of it stops the bundle, naming the wheel to
# fetch and the Pyodide index of the profile's version
args: bundle $TMP/proj $CORPUS/regex-2022.10.31-cp311-cp311-linux_x86_64.whl --target cf-python-workers -o $TMP/out
exit: 1
stderr-contains: 'regex' 2022.10.31 has native code that only Pyodide's build runs on cf-python-workers-3.14
stderr-contains: -cp314-cp314-pyemscripten_2026_0_wasm32.whl from https://index.pyodide.org/314.0.2
--- file proj/wrangler.jsonc
{"main": "src/entry.py", "compatibility_date": "2026-10-01",
 "compatibility_flags": ["python_workers", "disable_python_external_sdk"]}
--- end
--- file proj/src/entry.py
import regex
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(regex.sub("a", "b", "aa"))
--- end
