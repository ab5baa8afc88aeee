# a constraint's link is the one candidate of its name once something
# requires that name (pip 26's Constraint.links): six comes from the file;
# idna's link, which cannot be used (no version in its file name), is not
# looked at, as nothing requires idna
args: lock -q --no-index -f $CORPUS -r $TMP/req.txt -c $TMP/con.txt
exit: 0
stdout-contains: six @ file://$CORPUS/six-1.16.0-py3-none-any.whl \
stdout-lacks: idna
--- file req.txt
six
--- end
--- file con.txt
six @ file://$CORPUS/six-1.16.0-py3-none-any.whl
https://h.example/x.tar.gz#egg=idna
--- end
