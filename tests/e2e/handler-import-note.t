# issue 11: an import in an `except ImportError:` handler is not "imported when the package
# loads" when every import of its try body works on the target: the handler never runs there
# (sqlite3, which pymode lacks, after json), so it is a note naming what it is a fallback for
args: audit --format json $TMP/app
exit: 0
--- file app/main.py
try:
    import json
except ImportError:
    import sqlite3
--- end
json: d["packages"][0]["verdict"] == "compatible"
json: [(f["module"], f["severity"], f["message"]) for f in d["packages"][0]["findings"]] == [("sqlite3", "compatible", "stdlib module 'sqlite3' is not available on pymode (the _sqlite3 C extension is not compiled for wasm (no SQLite in PyMode's build)): in an `except ImportError:` handler that runs only when 'json' fails to import, which it does not on pymode")]
