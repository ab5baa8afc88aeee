# issue 11: a package no index has gets no --any-platform hint: it is not a platform matter
args: lock --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 1
--- file requirements.txt
nosuch-package
--- end
--- stderr
pymode-pkg: error: the requirement 'nosuch-package' ($TMP/requirements.txt:1) requires nosuch-package, but the index has no installable version of nosuch-package
--- end
