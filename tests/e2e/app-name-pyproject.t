# issue 11: an app is named from its pyproject.toml's [project] name and version
args: audit $TMP/svc/.
exit: 0
stdout-contains: compatible  cool-app 1.2  (app svc)
--- file svc/pyproject.toml
[project]
name = "cool-app"
version = "1.2"
--- end
--- file svc/main.py
import json
--- end
