# issue 11: MarkupSafe on pymode is one finding: its _speedups extension, which the package
# reaches only under a guard, carrying the rule that PyMode replaces the package with a
# polyfill; not a package-rule finding plus a fallback for the same module
args: audit $CORPUS/markupsafe-2.1.2-cp311-cp311-linux_x86_64.whl
exit: 0
--- stdout
target pymode: Python 3.13, PyMode - CPython 3.13 on wasm32-wasi in Cloudflare Workers Durable Objects

polyfill    MarkupSafe 2.1.2  (wheel markupsafe-2.1.2-cp311-cp311-linux_x86_64.whl)
    polyfill    native-extension 'markupsafe._speedups' (elf x86_64): native extension reached only through guarded imports: the pure-Python path is used when it fails; the target replaces the package with a polyfill
        at markupsafe/_speedups.cpython-311-x86_64-linux-gnu.so
        via markupsafe/__init__.py:289 markupsafe -> markupsafe._speedups [eager, guarded]
        remedy (polyfill): replaced by a polyfill: C _speedups is optional: markupsafe's own pure Python fallback is used (or _speedups as a wasm side module) [rules/packages/pymode.yaml:LINE]

1 package: 0 compatible, 0 fallback, 1 polyfill, 0 variant, 0 unsupported
limits on pymode (pymode-bundle measures a bundle against them): worker-gzip 10.00 MiB gzip, 3.00 MiB of it the PyMode runtime's (7.00 MiB left for the bundle); worker-raw 64.00 MiB raw; assets-file 25.00 MiB file; memory 128.00 MiB
--- end
