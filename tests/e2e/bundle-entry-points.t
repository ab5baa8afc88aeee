# importlib.metadata's entry_points(group="G") may load every module the
# inputs register under G: those are kept (with what they import) and --why
# says so; a module of another group (console_scripts) is not; a loader whose
# group is not a literal (iter_entry_points(name), Pygments' plugin.py) reads
# the groups its file names
args: bundle $TMP/app $TMP/site --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "plugpkg.csvplug" in [m["name"] for m in d["modules"] if m["kept"]]
json: "csv" in [m["name"] for m in d["modules"] if m["kept"]]
json: "plugpkg.tsvplug" in [m["name"] for m in d["modules"] if m["kept"]]
json: "plugpkg.cli" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "argparse" not in [m["name"] for m in d["modules"] if m["kept"]]
json: [m["reason"] for m in d["modules"] if m["name"] == "plugpkg.csvplug"] == ["loaded by a computed name"]
json: "plugpkg-1.0.dist-info/entry_points.txt" in __import__("zipfile").ZipFile(TMP + "/out/site-packages.zip").namelist()
--- file app/entry.py
from importlib.metadata import entry_points

import loaderpkg


def main():
    out = [ep.load().NAME for ep in entry_points(group="myapp.formats")]
    return out + loaderpkg.names()
--- end
--- file site/loaderpkg/__init__.py
from importlib.metadata import entry_points

GROUP = "myapp.extras"


def find(group_name):
    groups = entry_points()
    return groups.select(group=group_name)


def names():
    return [ep.load().NAME for ep in find(GROUP)]
--- end
--- file site/plugpkg/__init__.py
--- end
--- file site/plugpkg/csvplug.py
import csv
NAME = "csv"
--- end
--- file site/plugpkg/tsvplug.py
NAME = "tsv"
--- end
--- file site/plugpkg/cli.py
import argparse


def main():
    argparse.ArgumentParser().parse_args()
--- end
--- file site/plugpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: plugpkg
Version: 1.0
--- end
--- file site/plugpkg-1.0.dist-info/entry_points.txt
[console_scripts]
plugtool = plugpkg.cli:main

[myapp.formats]
csv = plugpkg.csvplug:NAME

[myapp.extras]
tsv = plugpkg.tsvplug
--- end
--- file site/plugpkg-1.0.dist-info/RECORD
plugpkg/__init__.py,,
plugpkg/csvplug.py,,
plugpkg/tsvplug.py,,
plugpkg/cli.py,,
plugpkg-1.0.dist-info/entry_points.txt,,
--- end
--- file site/loaderpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: loaderpkg
Version: 1.0
--- end
--- file site/loaderpkg-1.0.dist-info/RECORD
loaderpkg/__init__.py,,
--- end
