# issue 11: an app whose pyproject.toml lists its dependencies as dynamic (setuptools
# reading requirements.txt) uses requirements.txt, and says why
args: audit --format json --no-index -f $CORPUS $TMP/svc
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["six", "svc"]
stderr-contains: dependencies from $TMP/svc/requirements.txt ($TMP/svc/pyproject.toml lists its dependencies as dynamic)
--- file svc/pyproject.toml
[project]
name = "svc"
dynamic = ["dependencies"]

[tool.setuptools.dynamic]
dependencies = { file = ["requirements.txt"] }
--- end
--- file svc/requirements.txt
six
--- end
--- file svc/main.py
import six
--- end
