# an editable's local path may end in [extras], as pip's
# _parse_pip_syntax_editable reads it: the project's optional dependencies
# of that extra are locked too; a path that is no directory is refused as
# the file is read (pip: "is not a valid editable requirement")
args: lock --no-index -f $CORPUS -r $TMP/req.txt --target host
exit: 0
stdout-contains: -e ./proj
stdout-contains: six==1.16.0
--- file req.txt
-e ./proj[X]
--- end
--- file proj/pyproject.toml
[project]
name = "my_proj"
version = "0.3.0"
dependencies = []
[project.optional-dependencies]
x = ["six"]
--- end
--- file proj/my_proj/__init__.py
--- end
