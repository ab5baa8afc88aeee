# Stand-in for PyMode's runtime package `pymode`, used ONLY by
# `pymode-bundle --verify` outside PyMode's own runtime (native CPython,
# the wasm32-wasi CPython, Pyodide). Only pymode.workers and
# pymode.workflows are stood in (workers.py, workflows.py here);
# pymode.tcp, pymode.http, pymode.parallel, pymode.env, pymode.mcp and the
# rest need PyMode's host imports and are not: importing one fails with
# ModuleNotFoundError, which the verify report shows. See docs/bundle.md,
# "What the stand-ins cover".
