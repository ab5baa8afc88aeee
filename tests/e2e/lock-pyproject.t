# issue 11: lock reads a pyproject.toml as uv pip compile does, its extras with --extra,
# and --no-deps pins only what is asked
args: lock --no-index -f $CORPUS -r $TMP/pyproject.toml --extra schema --no-deps
exit: 0
stdout-contains: jsonschema==4.10.3
stdout-contains: six==1.16.0
stdout-lacks: attrs==
stdout-lacks: pyrsistent==
--- file pyproject.toml
[project]
name = "x"
dependencies = ["six"]
optional-dependencies.schema = ["jsonschema"]
--- end
