# issue 11: cffi needs its _cffi_backend C extension even when the distribution lacks it
# (Debian splits it into python3-cffi-backend): the rules' `native: [_cffi_backend]` makes
# the lazy, unguarded import in cffi/api.py a native-extension finding, unsupported on pymode
args: audit --format json $TMP/site
exit: 0
json: [p["own_verdict"] for p in d["packages"]] == ["unsupported"]
json: [(f["kind"], f["module"], f["severity"], f["file"], f["line"]) for f in d["packages"][0]["findings"] if f["severity"] != "compatible"] == [("native-extension", "_cffi_backend", "unsupported", "cffi/api.py", 6)]
json: "calls that reach it fail" in d["packages"][0]["findings"][0]["message"] and "_cffi_backend C extension" in d["packages"][0]["findings"][0]["remedy"]["text"]
--- file site/cffi/__init__.py
from .api import FFI
--- end
--- file site/cffi/api.py
import sys


class FFI:
    def __init__(self, backend=None):
        import _cffi_backend as backend
        self._backend = backend
--- end
--- file site/cffi-1.15.1.dist-info/METADATA
Metadata-Version: 2.1
Name: cffi
Version: 1.15.1
--- end
--- file site/cffi-1.15.1.dist-info/RECORD
cffi/__init__.py,,
cffi/api.py,,
cffi-1.15.1.dist-info/METADATA,,
cffi-1.15.1.dist-info/RECORD,,
--- end
