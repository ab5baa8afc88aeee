# issue 11: a pyproject.toml without [project] (a Poetry 1 or setup.py project): exit 3
args: audit --no-index -f $CORPUS -r $TMP/proj/pyproject.toml
exit: 3
--- file proj/pyproject.toml
[tool.poetry]
name = "proj"
--- end
--- stderr
pymode-pkg: error: $TMP/proj/pyproject.toml: no [project] table: the dependencies must be declared there (PEP 621) to be read without running a build
--- end
