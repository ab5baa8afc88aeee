# issue 11: -r pyproject.toml (uv pip install -r pyproject.toml): [project] dependencies
# (PEP 621) resolved for the target and audited; optional ones only when asked for
args: audit --format json --no-index -f $CORPUS -r $TMP/proj/pyproject.toml
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["idna", "six"]
json: all(p["requirement_chain"][0].startswith("-r /") and p["requirement_chain"][0].endswith("/proj/pyproject.toml") for p in d["packages"])
--- file proj/pyproject.toml
[build-system]
requires = ["setuptools"]

[project]
name = "proj"
version = "1.0"
dependencies = [
    "six>=1.10",
    'idna; python_version >= "3.8"',
    "nosuchthing; sys_platform == 'win32'",
]

[project.optional-dependencies]
yaml = ["PyYAML"]
--- end
