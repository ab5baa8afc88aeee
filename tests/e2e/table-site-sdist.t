# pymode-table over an installed site-packages and sdists: the site's distributions are rows
# (their module sources gzipped for the size), sdists needing a native build say so (no size)
args: table --no-cache --format json $SYN/site $SYN/cext-1.0.tar.gz $SYN/rustext-1.0.tar.gz $SYN/puresdist-1.0.tar.gz
exit: 0
json: [r["name"] for r in d["rows"]] == ["cext", "eggpkg", "instpkg", "loosemod", "puresdist", "rustext"]
json: {r["name"]: r["type"] for r in d["rows"]}["rustext"] == "Rust/PyO3 (sdist: needs a build)"
json: {r["name"]: r["type"] for r in d["rows"]}["cext"] == "C extension (sdist: needs a build)"
json: all(r["targets"][t]["how"] == "unsupported: needs a native build" for r in d["rows"] if r["name"] in ("cext", "rustext") for t in r["targets"])
json: [r["size_gzip"] for r in d["rows"] if r["name"] in ("cext", "rustext", "puresdist")] == [None, None, None]
json: all(20 < r["size_gzip"] < 200 for r in d["rows"] if r["name"] in ("eggpkg", "instpkg", "loosemod"))
json: {r["name"]: r["targets"]["pymode"]["verdict"] for r in d["rows"]} == {"cext": "unsupported", "eggpkg": "polyfill", "instpkg": "compatible", "loosemod": "compatible", "puresdist": "compatible", "rustext": "unsupported"}
