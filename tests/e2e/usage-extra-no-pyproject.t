# issue 11: --extra with no pyproject.toml to take it from is a usage error
args: audit --no-index -f $CORPUS --extra yaml $TMP/req.txt
exit: 2
stderr-contains: --extra needs a pyproject.toml to take optional dependencies from
--- file req.txt
six
--- end
