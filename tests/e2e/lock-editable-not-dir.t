# an editable path that is no directory is refused as the file is read, as
# pip refuses it (_parse_pip_syntax_editable)
args: lock --no-index -f $CORPUS -r $TMP/req.txt --target host
exit: 3
stderr-contains: $TMP/req.txt:2:1: './nodir[a]' is not a valid editable requirement: it should be a path to a local project directory or a VCS URL
--- file req.txt
six
-e ./nodir[a]
--- end
