# an app tree: typing-only, guarded, conditional-false and lazy imports do not
# make it unsupported; the eager sqlite3 import does, with file:line and a remedy
args: audit --format json $TMP/app
exit: 0
json: d["schema"] == "pymode-report/3" and d["target"]["name"] == "pymode"
json: d["packages"][0]["kind"] == "app" and d["packages"][0]["name"] == "app"
json: d["packages"][0]["verdict"] == "unsupported"
json: [f["module"] for f in d["packages"][0]["findings"] if f["severity"] == "unsupported"] == ["sqlite3"]
json: [(f["file"], f["line"]) for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"] == [("main.py", 9)]
json: [f["remedy"]["rule"] for f in d["packages"][0]["findings"] if f["module"] == "sqlite3"][0].startswith("rules/targets/pymode.yaml:")
json: not any(f["module"] in ("winreg", "curses", "mmap") and f["severity"] != "compatible" for f in d["packages"][0]["findings"])
json: any(f["module"] == "subprocess" and f["severity"] == "compatible" for f in d["packages"][0]["findings"])
json: any(f["module"] == "fcntl" and f["severity"] == "compatible" and "guarded" in f["message"] for f in d["packages"][0]["findings"])
--- file app/main.py
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import curses
try:
    import fcntl
except ImportError:
    fcntl = None
import sys
import sqlite3
if sys.platform == "win32":
    import winreg
def run():
    import subprocess
    return subprocess
--- end
