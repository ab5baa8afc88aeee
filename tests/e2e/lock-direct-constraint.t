# a direct reference in a constraints file is refused, as pip does
args: lock --no-index -f $CORPUS -r $TMP/req.txt -c $TMP/con.txt
exit: 3
stderr-contains: $TMP/con.txt:1: links are not allowed as constraints ('six @ file://$CORPUS/six-1.16.0-py3-none-any.whl')
--- file req.txt
six
--- end
--- file con.txt
six @ file://$CORPUS/six-1.16.0-py3-none-any.whl
--- end
