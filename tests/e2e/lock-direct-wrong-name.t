# "name @ file" must be a distribution of that name
args: lock --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: $TMP/req.txt:1: 'six-1.16.0-py3-none-any.whl' is a distribution of six, not of idna
--- file req.txt
idna @ file://$CORPUS/six-1.16.0-py3-none-any.whl
--- end
