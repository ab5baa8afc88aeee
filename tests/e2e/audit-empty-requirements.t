# issue 25: an empty requirements file (comments only) warns that nothing is resolved or
# audited; the report still says 0 packages
args: audit --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 0
stdout-contains: 0 packages: 0 compatible, 0 fallback, 0 polyfill, 0 variant, 0 unsupported
--- file requirements.txt
# nothing yet

--- end
--- stderr
pymode-pkg: warning: $TMP/requirements.txt: the requirements file holds no requirements: nothing from it is resolved or audited
--- end
