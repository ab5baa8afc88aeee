# issue 11: the command line beats the environment: --no-index over PIP_NO_INDEX=0 (so the
# PIP_INDEX_URL, which is down, is never asked) and -f adds the corpus
args: audit --format json --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 0
env: PIP_INDEX_URL=http://127.0.0.1:9/env/simple
env: PIP_NO_INDEX=0
--- file requirements.txt
six
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("six", "1.16.0")]
