# issue 11: pip's precedence: the environment beats every config file (PIP_FIND_LINKS, the
# corpus, over the find-links of the PIP_CONFIG_FILE, an empty wheelhouse where six is not)
args: audit --format json -r $TMP/requirements.txt
exit: 0
env: PIP_CONFIG_FILE=$TMP/ci-pip.conf
env: PIP_FIND_LINKS=$CORPUS
--- file requirements.txt
six
--- end
--- file ci-pip.conf
[global]
no-index = yes
find-links = $TMP/empty
--- end
--- file empty/README
not a wheel
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("six", "1.16.0")]
