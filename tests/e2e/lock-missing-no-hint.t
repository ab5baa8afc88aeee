# issue 11: a package no index has gets no --any-platform hint: it is not a platform matter;
# issue 25: a requirement naming no project is bad input at its file:line (exit 3), with no
# "did you mean" when no name in the wheelhouse is close
args: lock --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 3
--- file requirements.txt
nosuch-package
--- end
--- stderr
pymode-pkg: error: $TMP/requirements.txt:1: no project named 'nosuch-package' in --find-links $CORPUS
--- end
