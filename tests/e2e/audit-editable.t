# an editable requirement is resolved from its project directory (static
# pyproject.toml metadata), audited as a source tree under its own name, and
# reported as not bundleable; its dependencies come from the wheelhouse
args: audit --format json --no-index -f $CORPUS -r $TMP/req.txt
exit: 0
json: [(p["name"], p["version"], p["kind"], p["editable"]) for p in d["packages"] if p["normalized_name"] == "my-proj"] == [("my_proj", "0.3.0", "app", True)]
json: [p["requirement_chain"] for p in d["packages"] if p["name"] == "six"] == [["-r " + d["packages"][0]["requirement_chain"][0][3:], "my-proj", "six"]]
json: [p["editable"] for p in d["packages"] if p["name"] == "six"] == [False]
json: any(f["message"].startswith("editable requirement (-e ./proj): not bundleable") for p in d["packages"] for f in p["findings"])
--- file req.txt
-e ./proj
--- end
--- file proj/pyproject.toml
[project]
name = "my_proj"
version = "0.3.0"
dependencies = ["six; python_version >= '3.8'", "idna; sys_platform == 'win32'"]
--- end
--- file proj/my_proj/__init__.py
import six
--- end
