# issue 11: no index option anywhere (command line, environment, pip config) means PyPI,
# as pip: the audit asks pypi.org (unreachable here, so it fails naming it), never "no index"
args: audit --timeout 5 -r $TMP/requirements.txt
exit: 3
--- file requirements.txt
idna
--- end
stderr-contains: 'https://pypi.org/simple/idna/'
