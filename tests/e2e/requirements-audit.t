# a requirements file is resolved for the target from a local wheelhouse and every pin
# audited; each package carries the requirement chain that pulled it in (PyYAML is
# fallback: its _yaml is guarded, and pymode's binascii is a full polyfill, a note)
args: audit --format json --no-index --find-links $CORPUS $TMP/requirements.txt
exit: 0
json: sorted(p["name"] for p in d["packages"]) == ["PyYAML", "idna", "six"]
json: all(p["requirement_chain"][0].startswith("-r ") and p["requirement_chain"][0].endswith("requirements.txt") for p in d["packages"])
json: [p["requirement_chain"][1:] for p in d["packages"] if p["name"] == "idna"] == [["idna"]]
json: [(p["installable"], p["verdict"]) for p in d["packages"] if p["name"] == "PyYAML"] == [(False, "fallback")]
json: [p["installable"] for p in d["packages"] if p["name"] == "six"] == [True]
--- file requirements.txt
# a comment
idna>=3
six ; python_version >= "3.8"
PyYAML
nosuchthing ; sys_platform == "win32"
--- end
