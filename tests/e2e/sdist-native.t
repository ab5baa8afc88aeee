# an sdist with Extension( in setup.py and C sources needs a native build
args: audit --format json $SYN/cext-1.0.tar.gz
exit: 0
json: d["packages"][0]["kind"] == "sdist" and d["packages"][0]["verdict"] == "unsupported"
json: [f["kind"] for f in d["packages"][0]["findings"]][0] == "sdist-native-build"
