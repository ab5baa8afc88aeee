# issue 11: -q prints nothing, not the report, not the gate message, not warnings (the
# missing find-links of the pip config would give one); only the exit status tells
args: audit -q --fail-on polyfill -r $TMP/requirements.txt $TMP/svc
exit: 1
--- file requirements.txt
six
--- end
--- file home/.config/pip/pip.conf
[global]
no-index = on
find-links = $TMP/missing-dir $CORPUS
--- end
--- file svc/handler.py
import threading
--- end
--- stdout
--- end
--- stderr
--- end
