# issue 19: on the 3.12 profile too the runtime provides no packages: a host wheel of
# regex stops the bundle, naming Pyodide 0.27.7's build and its index
args: bundle $TMP/proj $CORPUS/regex-2022.10.31-cp311-cp311-linux_x86_64.whl --target cf-python-workers -o $TMP/out
exit: 1
stderr-contains: 'regex' 2022.10.31 has native code that only Pyodide's build runs on cf-python-workers-3.12
stderr-contains: put regex-2024.9.11-cp312-cp312-pyodide_2024_0_wasm32.whl from https://index.pyodide.org/0.27.7 in a --find-links folder
--- file proj/wrangler.toml
main = "src/entry.py"
compatibility_date = "2025-03-01"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/entry.py
import regex
from workers import Response


async def on_fetch(request, env):
    return Response(regex.sub("a", "b", "aa"))
--- end
