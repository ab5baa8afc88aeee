# issue 11: the same requirement without --no-deps: its dependencies are resolved and audited
args: audit --format json --no-index -f $CORPUS -r $TMP/req.txt
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["attrs", "jsonschema", "pyrsistent"]
json: d["dependencies_followed"] is True
--- file req.txt
jsonschema
--- end
