# (--allow-unsupported: the true miss below is an eager import of a package module the app loads, exit 1 without it)
# a version flag set in another module reads as it does where it is set:
# `if six.PY2:` (six imported), `if PY2:` after `from .compat import PY2`
# (compat re-exporting six's), and their else branches, are evaluated for
# the target: no "warning: missing" for the Python 2 module names; an import
# under an unknown flag is still followed and a true miss still warned
args: bundle $TMP/app $TMP/site --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --allow-unsupported
exit: 0
stdout-lacks: warning: missing Queue_py2
stdout-lacks: warning: missing StringIO_py2
stdout-lacks: warning: missing urllib2_py2
stdout-lacks: warning: missing cPickle_py2
stdout-contains: warning: missing unknown_flag_mod:
--- file app/entry.py
import flagpkg


def main():
    return flagpkg.VALUE
--- end
--- file site/sixlike.py
import sys
PY2 = sys.version_info[0] == 2
PY3 = sys.version_info[0] == 3
--- end
--- file site/flagpkg/__init__.py
import sixlike
import sixlike as sx
from .compat import PY2, PY3 as IS3
from .other import VALUE

if sixlike.PY2:
    import Queue_py2
else:
    import queue
if not sx.PY3:
    import StringIO_py2
if PY2:
    import urllib2_py2
if not IS3:
    import cPickle_py2
if sixlike.SOMETHING_ELSE:
    import unknown_flag_mod
--- end
--- file site/flagpkg/compat.py
from sixlike import PY2, PY3
--- end
--- file site/flagpkg/other.py
VALUE = 3
--- end
--- file site/flagpkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: flagpkg
Version: 1.0
--- end
--- file site/flagpkg-1.0.dist-info/RECORD
flagpkg/__init__.py,,
flagpkg/compat.py,,
flagpkg/other.py,,
--- end
--- file site/sixlike-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: sixlike
Version: 1.0
--- end
--- file site/sixlike-1.0.dist-info/RECORD
sixlike.py,,
--- end
