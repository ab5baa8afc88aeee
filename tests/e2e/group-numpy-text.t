# issue 11: one finding per (package, kind, remedy): numpy's native extensions are one line
# with a count and the first places, the one loaded with the package leading, not one block
# per extension; the remedy says where the variant comes from and how it is used, the
# version once
args: audit $CORPUS/numpy-1.24.2-cp311-cp311-linux_x86_64.whl
exit: 0
--- stdout
target pymode: Python 3.13, PyMode - CPython 3.13 on wasm32-wasi in Cloudflare Workers Durable Objects

variant     numpy 1.24.2  (wheel numpy-1.24.2-cp311-cp311-linux_x86_64.whl)
    variant     native-extension: 19 native extensions need the numpy variant: numpy.core._multiarray_umath, numpy.fft._pocketfft_internal, numpy.linalg._umath_linalg, ... (+16)
        numpy.core._multiarray_umath: native extension imported when the package loads
        at numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so
        via numpy/__init__.py:144 numpy -> numpy.lib [eager]
            numpy/lib/__init__.py:59 numpy.lib -> numpy.core._multiarray_umath [eager]
        and 18 more (--verbose lists them)
        remedy (variant): PyMode's numpy variant, python-numpy.wasm (numpy 2.4.2, lib/variants.json): a whole runtime with the package's C extensions linked in; deploy on it instead of the base python.wasm (one variant per app) [rules/packages/pymode.yaml:LINE]
    limited on pymode (imports, some calls fail): asyncio, bz2, lzma, signal (--verbose shows where)
    9 notes (--verbose shows them)

1 package: 0 compatible, 0 fallback, 0 polyfill, 1 variant, 0 unsupported
limits on pymode (pymode-bundle measures a bundle against them): worker-gzip 10.00 MiB gzip, 3.00 MiB of it the PyMode runtime's (7.00 MiB left for the bundle); worker-raw 64.00 MiB raw; assets-file 25.00 MiB file; memory 128.00 MiB
--- end
