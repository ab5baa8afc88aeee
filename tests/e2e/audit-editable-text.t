# the text report says an editable requirement is not bundleable without --verbose
args: audit --no-index -f $CORPUS $TMP/req.txt
exit: 0
stdout-contains: my_proj 0.3.0  (app proj)
stdout-contains:     editable (-e): not bundleable; build a wheel of it for deployment
--- file req.txt
--editable proj
--- end
--- file proj/pyproject.toml
[project]
name = "my_proj"
version = "0.3.0"
--- end
--- file proj/my_proj/__init__.py
--- end
