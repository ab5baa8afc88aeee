# issue 11: a -c file that does not exist: exit 3, naming it
args: audit --no-index -f $CORPUS -r $TMP/req.txt -c nope.txt
exit: 3
stderr-contains: 'nope.txt': No such file or directory
--- file req.txt
six
--- end
