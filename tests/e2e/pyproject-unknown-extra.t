# issue 11: an extra the project does not declare: exit 3, naming the ones it has
args: audit --no-index -f $CORPUS $TMP/proj/pyproject.toml --extra tests
exit: 3
--- file proj/pyproject.toml
[project]
name = "proj"
dependencies = []

[project.optional-dependencies]
yaml = ["PyYAML"]
web = ["idna"]
--- end
--- stderr
pymode-pkg: error: $TMP/proj/pyproject.toml: no optional-dependencies extra 'tests' in [project] (it has: yaml, web)
--- end
