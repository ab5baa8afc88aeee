# issue 11: as pip, an existing PIP_CONFIG_FILE replaces the user's config: the find-links
# of ~/.pip/pip.conf (a directory that does not exist, which would be warned about) is never
# read; the PIP_CONFIG_FILE's no-index holds, and -f adds the corpus after it
args: audit --format json -f $CORPUS -r $TMP/requirements.txt
exit: 0
env: PIP_CONFIG_FILE=$TMP/ci-pip.conf
--- file requirements.txt
six
--- end
--- file ci-pip.conf
[global]
no-index = yes
--- end
--- file home/.pip/pip.conf
[global]
find-links = $TMP/missing-dir
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("six", "1.16.0")]
--- stderr
--- end
