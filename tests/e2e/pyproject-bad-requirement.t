# issue 11: a dependency in pyproject.toml that is not PEP 508: file:line and why, exit 3
args: audit --no-index -f $CORPUS $TMP/proj/pyproject.toml
exit: 3
--- file proj/pyproject.toml
[project]
name = "proj"
dependencies = [
    "six",
    "idna >= = 3",
]
--- end
--- stderr
pymode-pkg: error: $TMP/proj/pyproject.toml:5: invalid requirement 'idna >= = 3': expected version after '>='
--- end
