# issue 25: a package unsupported through a dependency stops the bundle with the dependency's
# own finding and its file:line, not the package's first note (here a guarded ssl import);
# zutil sorts after web, so web is the first unsupported package met
args: bundle $TMP/app $TMP/site --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out
exit: 1
--- file app/entry.py
import web
--- end
--- file site/web/__init__.py
import zutil
try:
    import ssl
except ImportError:
    ssl = None
--- end
--- file site/web-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: web
Version: 1.0
Requires-Dist: zutil
--- end
--- file site/web-1.0.dist-info/RECORD
web/__init__.py,,
web-1.0.dist-info/METADATA,,
web-1.0.dist-info/RECORD,,
--- end
--- file site/zutil/__init__.py
import json

import zlib
--- end
--- file site/zutil-2.0.dist-info/METADATA
Metadata-Version: 2.1
Name: zutil
Version: 2.0
--- end
--- file site/zutil-2.0.dist-info/RECORD
zutil/__init__.py,,
zutil-2.0.dist-info/METADATA,,
zutil-2.0.dist-info/RECORD,,
--- end
--- stdout
--- end
--- stderr
pymode-pkg: error: 'web' 1.0 is unsupported on wasi through its dependency 'zutil' 2.0: stdlib module 'zlib' is not available on wasi (C extension module not built into wasi): unguarded import when the package loads (zutil/__init__.py:3) (--allow-unsupported bundles it anyway)
--- end
