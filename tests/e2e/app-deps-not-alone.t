# issue 11: an app given with its packages (a wheel, a site-packages) takes them from
# there: its own requirements.txt is not resolved
args: audit --format json --no-index -f $CORPUS $TMP/svc $CORPUS/six-1.16.0-py3-none-any.whl
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["six", "svc"]
--- file svc/requirements.txt
idna
--- end
--- file svc/main.py
import six
--- end
