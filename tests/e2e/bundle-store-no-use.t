# shutil fills _ARCHIVE_FORMATS with stores (_ARCHIVE_FORMATS['zip'] = ...):
# they use nothing until the table is read, so rmtree alone keeps neither
# tarfile nor zipfile; concurrent.futures' __getattr__ asks for
# ProcessPoolExecutor only when the app does
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "shutil" in [m["name"] for m in d["modules"] if m["kept"]]
json: "tarfile" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "zipfile" not in [m["name"] for m in d["modules"] if m["kept"]]
json: [m["from"] for m in d["modules"] if m["name"] == "concurrent.futures.thread"] == ["concurrent.futures"]
json: "concurrent.futures.process" not in [m["name"] for m in d["modules"]]
--- file app/entry.py
import shutil
import concurrent.futures


def main(p):
    shutil.rmtree(p)
    return concurrent.futures.ThreadPoolExecutor
--- end
