# issue 11: a native module the package's own modules import (lxml.etree, from
# lxml/ElementInclude.py, lxml/builder.py:44 and 12 more) names the importer and the chain;
# it is never "not imported by the package's own modules", which stays for one nothing
# imports (lxml._elementpath)
args: audit --format json $CORPUS/lxml-4.9.2-cp311-cp311-linux_x86_64.whl
exit: 0
json: (lambda ms: ms["lxml.etree"]["message"] == "native extension imported by lxml.ElementInclude (lxml/ElementInclude.py:53) and 13 other modules, which the package does not load itself: it loads when users import them")({m["module"]: m for f in d["packages"][0]["findings"] for m in f["members"]})
json: [[(w["file"], w["line"], w["from"], w["to"]) for w in m["why"]] for f in d["packages"][0]["findings"] for m in f["members"] if m["module"] == "lxml.etree"] == [[("lxml/ElementInclude.py", 53, "lxml.ElementInclude", "lxml.etree")]]
json: [m["message"] for f in d["packages"][0]["findings"] for m in f["members"] if m["module"] == "lxml._elementpath"] == ["native extension not imported by the package's own modules (loaded directly or dynamically)"]
json: not [m for f in d["packages"][0]["findings"] for m in f["members"] if m["module"] in ("lxml.etree", "lxml.builder", "lxml.html.diff") and "not imported" in m["message"]]
json: d["packages"][0]["own_verdict"] == "unsupported"
