# issue 11: --no-deps as pip: only the requirement given is resolved and audited; its
# dependencies are named as not audited, and the report says they were not followed
args: audit --format json --no-index -f $CORPUS --no-deps -r $TMP/req.txt
exit: 0
json: [p["name"] for p in d["packages"]] == ["jsonschema"]
json: d["packages"][0]["not_audited"] == ["attrs", "pyrsistent"]
json: d["dependencies_followed"] is False
--- file req.txt
jsonschema
--- end
