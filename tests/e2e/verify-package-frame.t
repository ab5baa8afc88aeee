# issue 18: a package that cannot import on this Python names itself: Debian 12's
# typing_extensions 4.4 subclasses typing.TypeVar, which CPython 3.13 refuses; the
# verify fails with the exception, the frame's file:line and its distribution
args: bundle $TMP/app $CORPUS/typing_extensions-4.4.0-py3-none-any.whl --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --verify --format json
exit: 1
json: any(v["ran"] for v in d["verify"])
json: all(not v["ok"] and v["error_type"] == "TypeError" and "TypeVar" in v["message"] for v in d["verify"] if v["ran"])
json: all(v["frame"].startswith("site-packages.zip:typing_extensions.py:") and v["frame_distribution"] == "typing_extensions" for v in d["verify"] if v["ran"])
--- file app/entry.py
import typing_extensions


def on_fetch(request, env):
    return "unreachable"
--- end
