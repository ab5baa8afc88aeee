# Stand-in for Pyodide's `pyodide` package, used ONLY by `pymode-bundle
# --verify` in native CPython (under Pyodide the real one is used): only
# pyodide.ffi's conversions, which are the identity here. See docs/bundle.md.
