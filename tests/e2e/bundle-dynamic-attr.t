# __import__("shutil").which(...) uses shutil for which() alone, as `import
# shutil; shutil.which(...)` would: shutil's other functions are not live
# because some other object has a method of their name (obj.make_archive),
# so make_archive's tarfile and zipfile are not kept (rich's
# __import__("pydoc").pager kept pydoc's web server and email so)
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "shutil" in [m["name"] for m in d["modules"] if m["kept"]]
json: "tarfile" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "zipfile" not in [m["name"] for m in d["modules"] if m["kept"]]
--- file app/entry.py
class Archiver:
    def make_archive(self):
        return "none"


def main():
    return (__import__("shutil").which("ls"), Archiver().make_archive())
--- end
