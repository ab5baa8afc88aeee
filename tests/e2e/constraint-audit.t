# issue 11: -c FILE on the command line, as pip: a constraint that no version satisfies
# is a conflict (exit 1, the explanation on stderr), and what it blocks is named
args: audit --format json --no-index -f $CORPUS -r $TMP/req.txt -c $TMP/con.txt
exit: 1
stderr-contains: attrs<20
json: d["packages"] == []
json: len(d["conflict"]["not_resolved"]) == 1 and d["conflict"]["not_resolved"][0].startswith("jsonschema (") and d["conflict"]["not_resolved"][0].endswith("/req.txt:1)")
--- file req.txt
jsonschema
--- end
--- file con.txt
attrs<20
--- end
