# issue 25: a pyproject.toml given as requirements whose [project] dependencies list
# nothing warns, as an empty requirements file does; the report still says 0 packages
args: audit --no-index -f $CORPUS -r $TMP/pyproject.toml
exit: 0
stdout-contains: 0 packages: 0 compatible, 0 fallback, 0 polyfill, 0 variant, 0 unsupported
--- file pyproject.toml
[project]
name = "shop"
version = "1.0"
dependencies = []
--- end
--- stderr
pymode-pkg: warning: $TMP/pyproject.toml: [project] dependencies list nothing: nothing from it is resolved or audited
--- end
