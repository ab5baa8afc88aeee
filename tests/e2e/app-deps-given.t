# issue 11: an app given with -r of its own requirements.txt: no note that it is not read
args: audit --no-index -f $CORPUS -r svc/requirements.txt svc
exit: 0
--- file svc/requirements.txt
six
--- end
--- file svc/main.py
import six
--- end
--- stderr
--- end
