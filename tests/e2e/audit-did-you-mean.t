# issue 25: a misspelt requirement is bad input at its file:line (exit 3), not a conflict, and
# names the wheelhouse's closest project (a transposition, a dropped letter)
args: audit --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 3
--- file requirements.txt
jinja2
requets>=2
--- end
--- stdout
--- end
--- stderr
pymode-pkg: error: $TMP/requirements.txt:2: no project named 'requets' in --find-links $CORPUS (did you mean 'requests'?)
--- end
