# the imports listing keeps relative dots as written and resolves names
args: imports --format json $TMP/proj
exit: 0
json: d["schema"] == "pymode-imports/1"
json: [(e["file"], e["line"], e["as_written"], e["name"], e["kinds"]) for e in d["edges"]] == [("pkg/__init__.py", 1, ".", "pkg", ["eager"]), ("pkg/__init__.py", 3, "yaml", "yaml", ["eager", "guarded"]), ("pkg/sub/mod.py", 1, "..a", "pkg.a", ["eager"]), ("pkg/sub/mod.py", 3, "os", "os", ["lazy"]), ("pkg/sub/mod.py", 4, "importlib", "importlib", ["eager"]), ("pkg/sub/mod.py", 5, "plugins.x", "plugins.x", ["eager", "dynamic"])]
json: d["edges"][0]["names"] == ["a"] and d["edges"][2]["names"] == ["b", "c"]
--- file proj/pkg/__init__.py
from . import a
try:
    import yaml
except (ImportError, OSError):
    yaml = None
--- end
--- file proj/pkg/a.py
--- end
--- file proj/pkg/sub/__init__.py
--- end
--- file proj/pkg/sub/mod.py
from ..a import (b,
    c)
def f(): import os
import importlib
importlib.import_module("plugins.x")
--- end
