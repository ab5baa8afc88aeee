# an import of a stdlib module the target lacks (zlib on wasi), guarded by
# try/except ImportError in a module the app loads when it starts: the
# package handles its absence, so the bundle is made (exit 0) and no error
# names it
args: bundle $TMP/app $TMP/site --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out
exit: 0
stderr-lacks: error
--- file app/entry.py
from gpkg import codec as g


def main():
    return g.pack(b"y")
--- end
--- file site/gpkg/__init__.py
--- end
--- file site/gpkg/codec.py
try:
    import zlib
except ImportError:
    zlib = None


def pack(b):
    return zlib.compress(b) if zlib else b
--- end
--- file site/gpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: gpkg
Version: 1.0
--- end
--- file site/gpkg-1.0.dist-info/RECORD
gpkg/__init__.py,,
gpkg/codec.py,,
--- end
