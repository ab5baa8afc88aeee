# a malformed requirement line is bad input pointing at file:line:col
args: audit --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 3
stderr-contains: requirements.txt:2:
stderr-contains: invalid version specifier '>=1.0.*'
--- file requirements.txt
idna
six>=1.0.*
--- end
