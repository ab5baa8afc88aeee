# --fail-on: a verdict at or over the gate exits 1 and says so on stderr, naming the
# packages over it (svc is polyfill for threading; the compatible one is not named)
args: audit --fail-on polyfill $TMP/svc $TMP/ok
exit: 1
stdout-lacks: gate failed
--- file svc/handler.py
import threading
--- end
--- file ok/main.py
import json
--- end
--- stderr
pymode-pkg: gate failed (--fail-on polyfill): svc (polyfill)
--- end
