# issue 11: dependencies listed in [project] dynamic: the tool never runs a build
# backend, so it says so (file:line of the dynamic key), exit 3
args: audit --no-index -f $CORPUS -r $TMP/proj/pyproject.toml
exit: 3
--- file proj/pyproject.toml
[project]
name = "proj"
dynamic = ["version", "dependencies"]
--- end
--- stderr
pymode-pkg: error: $TMP/proj/pyproject.toml:3: the dependencies are dynamic (listed in [project] dynamic): pymode-pkg never runs a build backend to compute them; list them in [project] or give a requirements file (-r requirements.txt)
--- end
