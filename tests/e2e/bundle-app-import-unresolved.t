# issue 18: an eager import of an app module that resolves nowhere stops the
# bundle with the importer's file:line; nothing is left in the output directory
args: bundle $TMP/proj --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out
exit: 1
stderr-contains: src/entry.py:2: 'src.routez' is imported when the app loads but resolves nowhere
stderr-contains: the bundle cannot start: 1 unresolved import (--allow-unsupported bundles it anyway)
--- file proj/pyproject.toml
[tool.pymode]
main = "src/entry.py"
--- end
--- file proj/src/entry.py
import json
from src.routez import handle
--- end
--- file proj/src/routes.py
def handle():
    pass
--- end
