# issue 11: optional dependencies of a pyproject.toml as uv takes them (--extra NAME,
# repeatable; names compared normalized) and pip's PATH[extra] form
args: audit --format json --no-index -f $CORPUS -r $TMP/proj/pyproject.toml --extra YAML --extra more_things
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["PyYAML", "attrs", "six"]
--- file proj/pyproject.toml
[project]
name = "proj"
dependencies = ["six"]
optional-dependencies = { yaml = ["PyYAML"], more-things = ["attrs"], unused = ["idna"] }
--- end
