# a VCS requirement cannot be resolved without running git: exit 3 naming file:line
args: lock --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: $TMP/req.txt:2: VCS requirement 'git+https://example.com/x.git#egg=x' is not supported: pymode-pkg never runs git or builds packages
--- file req.txt
six
git+https://example.com/x.git#egg=x
--- end
