# --fail-on: a verdict at or over the gate exits 1 and says so
args: audit --fail-on polyfill $TMP/svc
exit: 1
stdout-contains: gate failed: a verdict is at or over 'polyfill'
--- file svc/handler.py
import threading
--- end
