# --require-hashes: every requirement must be pinned with ==, as pip (all
# offenders listed with file:line); nothing is resolved
args: lock --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: hash-checking mode (--require-hashes) needs every requirement pinned with ==; these are not: 'six>=1' ($TMP/req.txt:2), 'idna' ($TMP/req.txt:4)
--- file req.txt
--require-hashes
six>=1
attrs==22.2.0 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000
idna
--- end
