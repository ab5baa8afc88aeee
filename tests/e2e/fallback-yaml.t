# PyYAML: _yaml is reached only through the guarded import of yaml.cyaml: a fallback, with the chain
args: audit --target cf-python-workers --format json $CORPUS/pyyaml-6.0-cp311-cp311-linux_x86_64.whl
exit: 0
json: d["packages"][0]["verdict"] == "fallback"
json: [(w["from"], w["to"], w["kinds"]) for f in d["packages"][0]["findings"] if f["module"] == "yaml._yaml" for w in f["why"]] == [("yaml", "yaml.cyaml", ["eager", "guarded"]), ("yaml.cyaml", "yaml._yaml", ["eager"])]
json: [f["detail"] for f in d["packages"][0]["findings"] if f["module"] == "yaml._yaml"] == ["elf x86_64, cython"]
