# an installed site-packages: dist-info, egg-info and a loose module each become a package
args: audit --format json $SYN/site
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["eggpkg", "instpkg", "loosemod"]
json: all(p["kind"] == "installed" for p in d["packages"])
json: [p["verdict"] for p in d["packages"] if p["name"] == "eggpkg"] == ["polyfill"]
