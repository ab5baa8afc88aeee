# --why names the entry point, its group, the distribution whose
# entry_points.txt registers it and the call that lists the group
args: bundle $TMP/app $TMP/site --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --why plugpkg.tsvplug
exit: 0
stdout-contains: loaderpkg -> plugpkg.tsvplug  (kept: entry point 'tsv' of group 'myapp.extras' in plugpkg's entry_points.txt, which loaderpkg lists at loaderpkg/__init__.py:7)
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
