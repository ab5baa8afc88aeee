# issue 11: -c with nothing to constrain is a usage error, as pip's
args: audit $CORPUS/six-1.16.0-py3-none-any.whl -c $TMP/con.txt
exit: 2
stderr-contains: -c constrains requirements, but none are given (-r FILE)
--- file con.txt
six
--- end
