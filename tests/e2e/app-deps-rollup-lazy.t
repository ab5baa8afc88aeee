# issue 18: an app's verdict rolls up through the dependencies it declares: regex
# imported inside a function is no finding of the app's own, but regex is
# unsupported on wasi, so the app is too ("through regex")
args: audit --target wasi --no-index --find-links $CORPUS --format json $TMP/app
exit: 0
json: [p["verdict"] for p in d["packages"] if p["name"] == "rx-app"] == ["unsupported"]
json: [p["own_verdict"] for p in d["packages"] if p["name"] == "rx-app"] == ["compatible"]
json: [p["through"] for p in d["packages"] if p["name"] == "rx-app"] == ["regex"]
--- file app/pyproject.toml
[project]
name = "rx-app"
version = "0.1.0"
dependencies = ["regex"]
--- end
--- file app/entry.py
def on_fetch(request, env):
    import regex
    return regex.sub("a", "b", "aaa")
--- end
