# without --verify-record the same wheel is judged by its code alone
args: audit --format json $SYN/bad/tampered-1.0-py3-none-any.whl
exit: 0
json: d["packages"][0]["verdict"] == "compatible"
