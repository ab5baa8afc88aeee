# a package's __init__ re-exports functions (from .tools import launch as
# launch, as click does): the re-export is no call. Only what the app uses
# through the package runs, so launch's lazy import of tarfile keeps nothing;
# the function the app calls (through a second re-export, under another
# name) keeps what it imports
args: bundle $TMP/app $TMP/site --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "tarfile" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "colorsys" in [m["name"] for m in d["modules"] if m["kept"]]
json: "difflib" not in [m["name"] for m in d["modules"] if m["kept"]]
--- file app/entry.py
import toolpkg


def main():
    return toolpkg.convert(1, 0, 0)
--- end
--- file site/toolpkg/__init__.py
from .tools import launch as launch
from .tools import to_hsv as convert
from .more import *
--- end
--- file site/toolpkg/tools.py
def launch(path):
    import tarfile
    return tarfile.open(path)


def to_hsv(r, g, b):
    import colorsys
    return colorsys.rgb_to_hsv(r, g, b)
--- end
--- file site/toolpkg/more.py
def compare(a, b):
    import difflib
    return difflib.ndiff(a, b)
--- end
--- file site/toolpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: toolpkg
Version: 1.0
--- end
--- file site/toolpkg-1.0.dist-info/RECORD
toolpkg/__init__.py,,
toolpkg/tools.py,,
toolpkg/more.py,,
--- end
