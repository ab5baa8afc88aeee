# issue 11: an app given as "." (or "dir/.") is named after its directory, never "."
args: audit --format json $TMP/myservice/.
exit: 0
--- file myservice/main.py
import json
--- end
json: [p["name"] for p in d["packages"]] == ["myservice"]
stdout-lacks: "name": "."
