# a file: URL to a project directory (percent-encoded space) pins the
# project; its static dependencies and extras resolve from the wheelhouse;
# lock writes it back as an absolute file: URL
args: lock -q --any-platform --no-index -f $CORPUS -r $TMP/req.txt
exit: 0
stdout-contains: my-proj[yaml] @ file://$TMP/my%20proj\n    # via -r $TMP/req.txt
stdout-contains: pyyaml==6.0 \
stdout-contains: six==1.16.0 \
--- file req.txt
my-proj[yaml] @ file://$TMP/my%20proj
--- end
--- file my proj/pyproject.toml
[project]
name = "my-proj"
version = "1.0"
dependencies = ["six"]
optional-dependencies = { yaml = ["pyyaml"] }
--- end
