# issue 11: the same distribution given twice (the wheel, then a copy of it in a
# wheelhouse) is one row
args: audit --format json $CORPUS/six-1.16.0-py3-none-any.whl $CORPUS/six-1.16.0-py3-none-any.whl
exit: 0
json: [(p["name"], p["version"]) for p in d["packages"]] == [("six", "1.16.0")] and d["summary"]["packages"] == 1
