# a project directory whose name holds '#' (pip's path_to_url quotes it:
# no fragment), followed by a comment; written back percent-encoded
args: lock -q --no-index -f $CORPUS -r $TMP/req.txt
exit: 0
stdout-contains: hashproj @ file://$TMP/proj%231
--- file req.txt
./proj#1 # a comment
--- end
--- file proj#1/pyproject.toml
[project]
name = "hashproj"
version = "0.1"
dependencies = []
--- end
