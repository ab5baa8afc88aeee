# issue 11: pip's `.[extra]`: the project directory is audited as an app, with its
# [project] dependencies and the extra's
args: audit --format json --no-index -f $CORPUS .[yaml]
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["PyYAML", "six", "svc"]
json: [p["kind"] for p in d["packages"] if p["name"] == "svc"] == ["app"]
--- file pyproject.toml
[project]
name = "svc"
version = "2.0"
dependencies = ["six"]

[project.optional-dependencies]
yaml = ["PyYAML"]
--- end
--- file main.py
import six
--- end
