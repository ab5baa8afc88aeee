# issue 11: only a name an ImportError handler binds makes an `if` a guard: `if fast:`
# where fast is an ordinary setting leaves the import eager, so sqlite3 stays unsupported
args: audit --format json $TMP/app
exit: 0
--- file app/main.py
import os
fast = os.environ.get("FAST")
try:
    import simplejson
except ImportError:
    simplejson = None

if fast:
    import sqlite3
--- end
json: d["packages"][0]["verdict"] == "unsupported"
json: [(f["module"], f["severity"], f["locations"][0]["kinds"]) for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"] == [("sqlite3", "unsupported", ["eager"])]
