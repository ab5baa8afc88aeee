# (--allow-unsupported: the true miss below is an eager import of a package module the app loads, exit 1 without it)
# `with contextlib.suppress(ImportError): import x` fails softly, as a try
# whose handler catches ImportError does: no "warning: missing" for x (as a
# package does for an optional speedup); suppress() of another exception
# guards nothing, so that miss is still a warning
args: bundle $TMP/app $TMP/site --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --allow-unsupported
exit: 0
stdout-lacks: warning: missing optional_speedup
stdout-lacks: warning: missing other_optional
stdout-contains: warning: missing really_needed:
--- file app/entry.py
import optpkg


def main():
    return optpkg.VALUE
--- end
--- file site/optpkg/__init__.py
import contextlib
from contextlib import suppress

VALUE = 1
with contextlib.suppress(ImportError):
    import optional_speedup
with suppress(AttributeError, ModuleNotFoundError):
    from other_optional import fast
with suppress(KeyError):
    import really_needed
--- end
--- file site/optpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: optpkg
Version: 1.0
--- end
--- file site/optpkg-1.0.dist-info/RECORD
optpkg/__init__.py,,
--- end
