# issue 18: PyMode builds regex from its recipes into the app's python.wasm:
# a variant on pymode, not unsupported
args: audit --format json $CORPUS/regex-2022.10.31-cp311-cp311-linux_x86_64.whl
exit: 0
json: d["packages"][0]["verdict"] == "variant"
json: any("recipes" in (f["remedy"] or {}).get("text", "") for f in d["packages"][0]["findings"])
