# issue 11: pymode-table takes a pyproject.toml (and -c) through the same inputs
args: table --no-cache --format json -t pymode --no-index -f $CORPUS $TMP/pyproject.toml -c $TMP/con.txt
exit: 0
json: sorted(r["name"] for r in d["rows"]) == ["six"]
--- file pyproject.toml
[project]
name = "x"
dependencies = ["six"]
--- end
--- file con.txt
six==1.16.0
--- end
