# issue 11: a bare pyproject.toml given as input, with pip's FILE[extra] form for its
# optional dependencies ([project.optional-dependencies] table)
args: audit --format json --no-index -f $CORPUS $TMP/proj/pyproject.toml[web]
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["idna", "six"]
--- file proj/pyproject.toml
[project]
name = "proj"
dependencies = ["six"]

[project.optional-dependencies]
web = [
    "idna>=3",
]
yaml = ["PyYAML"]
--- end
