# on plain WASI (CPython 3.13's own build) threading imports (_thread is built in) and only
# starting a thread raises: a limited note, not a verdict; fcntl, which configure marks
# n/a for WASI, does not import: unsupported
args: audit --target wasi --format json --fail-on unsupported $TMP/svc
exit: 1
json: d["target"]["name"] == "wasi" and d["packages"][0]["verdict"] == "unsupported"
json: d["gate"] == {"fail_on": "unsupported", "failed": True}
json: [(f["kind"], f["module"], f["severity"]) for f in d["packages"][0]["findings"]] == [("unavailable-module", "fcntl", "unsupported"), ("limited-module", "threading", "compatible")]
--- file svc/handler.py
import threading
import fcntl
--- end
