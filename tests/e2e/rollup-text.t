# issue 11: a package's verdict rolls up its dependencies' (shown as "through NAME"), over
# requirements whose markers hold on the target (winlib's does not; extralib is only an
# extra; both are unsupported, so counting either would make web unsupported) and
# transitively (web -> mid -> low, which imports socket, a partial polyfill on pymode:
# polyfill); a requirement no input provides is one "not audited" line, not a note per
# submodule imported from it; the roll-up line names the finding it comes from and, when
# deeper, the package that has it
args: audit $TMP/site
exit: 0
--- file site/web/__init__.py
import json

import mid
import certifi.core
import certifi.data
--- end
--- file site/web-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: web
Version: 1.0
Requires-Dist: mid>=1
Requires-Dist: certifi
Requires-Dist: WinLib; sys_platform == "win32"
Requires-Dist: extralib; extra == "fast"
--- end
--- file site/web-1.0.dist-info/RECORD
web/__init__.py,,
web-1.0.dist-info/METADATA,,
web-1.0.dist-info/RECORD,,
--- end
--- file site/mid/__init__.py
import low
--- end
--- file site/mid-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: mid
Version: 1.0
Requires-Dist: Low (>=0.1)
--- end
--- file site/mid-1.0.dist-info/RECORD
mid/__init__.py,,
mid-1.0.dist-info/METADATA,,
mid-1.0.dist-info/RECORD,,
--- end
--- file site/low/__init__.py
import socket
--- end
--- file site/low-0.1.dist-info/METADATA
Metadata-Version: 2.1
Name: low
Version: 0.1
--- end
--- file site/low-0.1.dist-info/RECORD
low/__init__.py,,
low-0.1.dist-info/METADATA,,
low-0.1.dist-info/RECORD,,
--- end
--- file site/winlib/__init__.py
import _winapi
--- end
--- file site/winlib-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: winlib
Version: 1.0
--- end
--- file site/winlib-1.0.dist-info/RECORD
winlib/__init__.py,,
winlib-1.0.dist-info/METADATA,,
winlib-1.0.dist-info/RECORD,,
--- end
--- file site/extralib/__init__.py
import _winapi
--- end
--- file site/extralib-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: extralib
Version: 1.0
--- end
--- file site/extralib-1.0.dist-info/RECORD
extralib/__init__.py,,
extralib-1.0.dist-info/METADATA,,
extralib-1.0.dist-info/RECORD,,
--- end
--- stdout
target pymode: Python 3.13, PyMode - CPython 3.13 on wasm32-wasi in Cloudflare Workers Durable Objects

unsupported extralib 1.0  (installed extralib-1.0.dist-info)
    unsupported unavailable-module '_winapi': stdlib module '_winapi' is not available on pymode (C extension module not built into pymode): unguarded import when the package loads
        at extralib/__init__.py:1 [eager]
        remedy (none): none known [derived]
unsupported winlib 1.0  (installed winlib-1.0.dist-info)
    unsupported unavailable-module '_winapi': stdlib module '_winapi' is not available on pymode (C extension module not built into pymode): unguarded import when the package loads
        at winlib/__init__.py:1 [eager]
        remedy (none): none known [derived]
polyfill    low 0.1  (installed low-0.1.dist-info)
    polyfill    polyfilled-module 'socket': stdlib module 'socket' is a partial polyfill on pymode (routed through pymode.tcp host imports: constants, getaddrinfo, create_connection; no listening sockets, no UDP, no raw file descriptors for select())
        at low/__init__.py:1 [eager]
        remedy (polyfill): use pymode.tcp or pymode.http for outbound connections [rules/targets/pymode.yaml:LINE]
polyfill    mid 1.0  (installed mid-1.0.dist-info)
    compatible itself; polyfill through low (polyfilled-module 'socket' at low/__init__.py:1)
polyfill    web 1.0  (installed web-1.0.dist-info)
    compatible itself; polyfill through mid (low: polyfilled-module 'socket' at low/__init__.py:1)
    not audited: certifi (not found in the inputs)

5 packages: 0 compatible, 0 fallback, 3 polyfill, 0 variant, 2 unsupported
limits on pymode (pymode-bundle measures a bundle against them): worker-gzip 10.00 MiB gzip, 3.00 MiB of it the PyMode runtime's (7.00 MiB left for the bundle); worker-raw 64.00 MiB raw; assets-file 25.00 MiB file; memory 128.00 MiB
--- end
