# issue 11: a constraint limits a version but brings nothing in by itself, as pip
args: audit --format json --no-index -f $CORPUS -r $TMP/req.txt -c $TMP/con.txt
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["six"]
json: d["conflict"] is None and d["dependencies_followed"] is True
--- file req.txt
six
--- end
--- file con.txt
six==1.16.0
attrs==22.2.0
--- end
