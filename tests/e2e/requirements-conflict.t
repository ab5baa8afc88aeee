# requirements that cannot be satisfied: exit 1 with the explanation
args: audit --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 1
stderr-contains: idna
--- file requirements.txt
idna>=99
--- end
