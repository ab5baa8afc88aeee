# issue 11: the handler does run when an import of its try body fails on the target
# (readline: pymode lacks it; simplejson: another distribution, maybe not installed), so
# what it imports counts as loaded with the package, and the message says which handler
args: audit --format json $TMP/app
exit: 0
--- file app/main.py
try:
    import readline
except ImportError:
    import sqlite3
--- end
--- file app/other.py
try:
    import simplejson
except ImportError:
    import json as simplejson
    import sqlite3
--- end
json: d["packages"][0]["verdict"] == "unsupported"
json: [(f["module"], f["severity"], f["file"], f["line"]) for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"] == [("sqlite3", "unsupported", "main.py", 4)]
json: [f["message"] for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"][0].endswith(": imported when the package loads, in the `except ImportError:` handler that runs when 'readline' fails to import")
json: [[(l["file"], l["line"]) for l in f["locations"]] for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"] == [[("main.py", 4), ("other.py", 5)]]
