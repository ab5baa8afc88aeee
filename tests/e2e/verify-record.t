# --verify-record: a member changed after RECORD was written makes the wheel unsupported
args: audit --verify-record --format json $SYN/bad/tampered-1.0-py3-none-any.whl
exit: 0
json: d["packages"][0]["verdict"] == "unsupported"
json: any(f["kind"] == "metadata" and f["file"] == "tampered-1.0.dist-info/RECORD" and f["line"] == 1 and "tampered/__init__.py" in f["message"] for f in d["packages"][0]["findings"])
