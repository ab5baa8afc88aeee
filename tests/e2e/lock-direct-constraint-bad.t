# a constraint's link that cannot be used is an error once something
# requires its name, at the constraint's line
args: lock -q --no-index -f $CORPUS -r $TMP/req.txt -c $TMP/con.txt
exit: 3
stderr-contains: $TMP/con.txt:1: cannot tell the name and version of 'x.tar.gz' from its file name
--- file req.txt
idna
--- end
--- file con.txt
https://h.example/x.tar.gz#egg=idna
--- end
