# the human report for an app using a partially polyfilled module, exactly
args: audit $TMP/svc
exit: 0
--- file svc/handler.py
import json
import socket  # polyfilled on pymode
--- end
--- stdout
target pymode: Python 3.13, PyMode - CPython 3.13 on wasm32-wasi in Cloudflare Workers Durable Objects

polyfill    svc (no version)  (app svc)
    polyfill    polyfilled-module 'socket': stdlib module 'socket' is a partial polyfill on pymode (routed through pymode.tcp host imports: constants, getaddrinfo, create_connection; no listening sockets, no UDP, no raw file descriptors for select())
        at handler.py:2 [eager]
        remedy (polyfill): use pymode.tcp or pymode.http for outbound connections [rules/targets/pymode.yaml:LINE]

1 package: 0 compatible, 0 fallback, 1 polyfill, 0 variant, 0 unsupported
limits on pymode (pymode-bundle measures a bundle against them): worker-gzip 10.00 MiB gzip, 3.00 MiB of it the PyMode runtime's (7.00 MiB left for the bundle); worker-raw 64.00 MiB raw; assets-file 25.00 MiB file; memory 128.00 MiB
--- end
