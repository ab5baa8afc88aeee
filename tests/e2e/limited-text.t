# issue 11: a limited module (CPython's own, it imports, some calls fail: subprocess and
# threading on CPython 3.13's WASI build) is a note, not a verdict, and the text report names
# it on one line even without --verbose
args: audit --target wasi $TMP/tool
exit: 0
--- file tool/cli.py
import logging
import subprocess
import threading


def run(cmd):
    return subprocess.run(cmd)
--- end
--- stdout
target wasi: Python 3.13, CPython 3.13 wasm32-wasi (CPython's own build, no polyfills)

compatible  tool (no version)  (app tool)
    limited on wasi (imports, some calls fail): subprocess, threading (--verbose shows where)

1 package: 1 compatible, 0 fallback, 0 polyfill, 0 variant, 0 unsupported
--- end
