# issue 11: an app directory with a requirements.txt (and no [project] dependencies)
# uses it for its dependencies, and says so
args: audit --format json --no-index -f $CORPUS $TMP/svc
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["idna", "svc"]
stderr-contains: pymode-pkg: note: app '$TMP/svc': dependencies from $TMP/svc/requirements.txt
--- file svc/requirements.txt
idna
--- end
--- file svc/main.py
import idna
--- end
