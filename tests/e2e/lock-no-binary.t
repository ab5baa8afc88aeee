# --no-binary NAME takes the sdist even when a wheel would install; another
# name still gets its wheel
args: lock -q --no-index -f $SYN -f $CORPUS -r $TMP/req.txt
exit: 0
stdout-contains: puresdist==1.0 \
stdout-contains: six==1.16.0 \
--- file req.txt
--no-binary puresdist
puresdist
six
--- end
