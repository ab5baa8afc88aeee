# __reduce__ and __deepcopy__ run only under copy and pickle: logging's
# Logger.__reduce__ (import pickle) and weakref's __deepcopy__ (import copy)
# keep nothing for an app that neither copies nor pickles
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "logging" in [m["name"] for m in d["modules"] if m["kept"]]
json: "weakref" in [m["name"] for m in d["modules"] if m["kept"]]
json: "pickle" not in [m["name"] for m in d["modules"]]
json: "copy" not in [m["name"] for m in d["modules"]]
--- file app/entry.py
import logging
import weakref

CACHE = weakref.WeakValueDictionary()


def main():
    logging.getLogger("app").warning("hi")
    return len(CACHE)
--- end
