# --fail-on unsupported passes a polyfill-only app
args: audit --quiet --fail-on unsupported $TMP/svc
exit: 0
--- file svc/handler.py
import threading
--- end
