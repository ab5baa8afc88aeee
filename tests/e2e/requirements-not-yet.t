# a requirements file needs the resolver: a clear message, not a crash
args: audit $TMP/requirements.txt
exit: 2
stderr-contains: '$TMP/requirements.txt': auditing a requirements file needs the resolver
--- file requirements.txt
requests
--- end
