# _zoneinfo imports weakref when it loads (Modules/_zoneinfo.c
# zoneinfomodule_exec -> initialize_caches: weakref.WeakValueDictionary);
# zoneinfo's own Python fallback, which imports it too, is dropped where the
# target has _zoneinfo, so the edge is what keeps it
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "weakref.py" in open(TMP + "/out/stdlib-files.txt").read().split()
json: "zoneinfo/_zoneinfo.py" not in open(TMP + "/out/stdlib-files.txt").read().split()
--- file app/entry.py
import zoneinfo


def main():
    return zoneinfo.__name__
--- end
