# issue 11: on a conflict the requirements that do resolve are still audited: their
# verdicts in the report, the one left out named, the explanation on stderr, exit 1
args: audit --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 1
stdout-contains: compatible  six 1.16.0
stdout-contains: compatible  idna 3.3
stdout-contains: not resolved (the requirements conflict; see the error): idna>=99 ($TMP/requirements.txt:2)
stderr-contains: pymode-pkg: error: the requirement 'idna>=99' ($TMP/requirements.txt:2) requires idna>=99, but the index has only idna 3.3
--- file requirements.txt
idna<4
idna>=99
six
--- end
