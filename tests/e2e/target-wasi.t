# the same app is unsupported on plain WASI, where threading is unavailable
args: audit --target wasi --format json --fail-on unsupported $TMP/svc
exit: 1
json: d["target"]["name"] == "wasi" and d["packages"][0]["verdict"] == "unsupported"
json: d["gate"] == {"fail_on": "unsupported", "failed": True}
--- file svc/handler.py
import threading
--- end
