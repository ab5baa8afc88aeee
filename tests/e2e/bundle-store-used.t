# make_archive reads _ARCHIVE_FORMATS: tarfile and zipfile are kept; naming
# ProcessPoolExecutor keeps concurrent.futures.process
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "tarfile" in [m["name"] for m in d["modules"] if m["kept"]]
json: "zipfile" in [m["name"] for m in d["modules"] if m["kept"]]
json: "concurrent.futures.process" in [m["name"] for m in d["modules"] if m["kept"]]
--- file app/entry.py
import shutil
import concurrent.futures


def main(p):
    shutil.make_archive(p, "zip", p)
    return concurrent.futures.ProcessPoolExecutor
--- end
