# issue 11: without a variant (lxml on pymode) the hint names --any-platform only
args: lock --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 1
--- file requirements.txt
lxml
--- end
--- stderr
pymode-pkg: error: the requirement 'lxml' ($TMP/requirements.txt:1) requires lxml, but the index has no installable version of lxml: its files are native builds for other platforms; --any-platform locks one anyway (to audit it)
--- end
