# a local path is read literally, as pip reads it (path_to_url quotes '#'):
# '#x' is part of a project directory's name, and a wheel path followed by
# '#sha256=...' is no archive name (its extension is '.whl#sha256=00'), so
# pip reads it as a requirement, which fails as the file is read, "looking
# like a path"; ' #' starts a comment
args: lock -q --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: $TMP/req.txt:2:1: invalid requirement '$CORPUS/six-1.16.0-py3-none-any.whl#sha256=00': expected a package name (it looks like a path, and '$CORPUS/six-1.16.0-py3-none-any.whl#sha256=00' does not exist)
--- file req.txt
./proj#1 # a comment
$CORPUS/six-1.16.0-py3-none-any.whl#sha256=00
--- end
--- file proj#1/pyproject.toml
[project]
name = "hashproj"
version = "0.1"
dependencies = []
--- end
