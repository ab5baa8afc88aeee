# a package module the app loads when it starts imports, unguarded at module
# level, a stdlib module the target lacks (zlib on wasi: CPython's wasm32-wasi
# build has none): the bundle cannot start, exit 1 naming the importer's
# file:line and the module; the same import guarded by try/except ImportError
# in another package is fine (as rich.console and websockets' permessage_deflate do)
args: bundle $TMP/app $TMP/site --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out
exit: 1
stderr-contains: zpkg/codec.py:2: 'zlib' is imported by zpkg.codec, which the app loads when it starts (--why zpkg.codec), but is unavailable on wasi
stderr-contains: the bundle cannot start: 1 unresolved import (--allow-unsupported bundles it anyway)
stderr-lacks: gpkg
stderr-lacks: add the distribution
--- file app/entry.py
from gpkg import codec as g
from zpkg.codec import pack


def main():
    return pack(b"x") + g.pack(b"y")
--- end
--- file site/zpkg/__init__.py
"""zpkg: `import zpkg` alone works on wasi; its codec module does not"""
--- end
--- file site/zpkg/codec.py
"""needs zlib"""
import zlib


def pack(b):
    return zlib.compress(b)
--- end
--- file site/zpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: zpkg
Version: 1.0
--- end
--- file site/zpkg-1.0.dist-info/RECORD
zpkg/__init__.py,,
zpkg/codec.py,,
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
