# the wasm verifier catches what the native one cannot: an app that reads a
# deflated member through zipfile needs zlib, which CPython's wasm32-wasi
# build lacks (zlib is unavailable on wasi); the report names the module
needs: python3.13
needs: wasi-python
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json --verify --verify-call main --allow-unsupported
exit: 1
json: [v for v in d["verify"] if v["runtime"] == "native CPython 3.13"][0]["ok"] is True
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["ok"] is False
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["error_module"] == "zlib"
--- file app/entry.py
def main():
    import zlib
    return zlib.crc32(b"x")
--- end
