# issue 11: an import under `if has_simplejson:` (a name the `except ImportError:` handler
# binds) is as guarded as the import it tests, so it is not "imported when the package
# loads": sqlite3, which pymode lacks, is a note; an `if` on anything else still counts
args: audit --format json $TMP/app
exit: 0
--- file app/main.py
try:
    import simplejson
    has_simplejson = True
except ImportError:
    has_simplejson = False

if has_simplejson:
    import sqlite3
--- end
json: d["packages"][0]["verdict"] == "compatible"
json: [(f["module"], f["severity"], f["locations"][0]["kinds"]) for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"] == [("sqlite3", "compatible", ["eager", "guarded"])]
json: [f["message"] for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"][0].endswith(": guarded import: the package handles its absence")
