# issue 11: an app directory given alone uses its own dependencies: pyproject.toml's
# [project] dependencies come first (as uv), and a requirements.txt beside it is not
# read; the note says which was used
args: audit --format json --no-index -f $CORPUS $TMP/svc
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["six", "svc"]
json: [p["requirement_chain"][0].endswith("/svc/pyproject.toml") for p in d["packages"] if p["name"] == "six"] == [True]
stderr-contains: pymode-pkg: note: app '$TMP/svc': dependencies from $TMP/svc/pyproject.toml ([project] dependencies); $TMP/svc/requirements.txt is also there and is not read: pyproject.toml comes first
--- file svc/pyproject.toml
[project]
name = "svc"
dependencies = ["six"]
--- end
--- file svc/requirements.txt
idna
--- end
--- file svc/main.py
import six
--- end
