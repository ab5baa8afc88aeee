# issue 11: a find-links directory from pip's config that does not exist is skipped with a
# warning naming where it came from, as pip does ("Location ... is ignored"), and the
# others are used
args: audit --format json -r $TMP/requirements.txt
exit: 0
--- file requirements.txt
six
--- end
--- file home/.config/pip/pip.conf
[global]
no-index = 1
find-links = $TMP/missing-dir $CORPUS
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("six", "1.16.0")]
stderr-contains: pymode-pkg: warning: find-links '$TMP/missing-dir' (from $TMP/home/.config/pip/pip.conf) does not exist: ignored, as pip does
