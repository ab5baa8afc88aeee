# pymode-table --pyodide-lock: every package of a Pyodide release, each name==version resolved
# for every target with the index options; shared libraries and stdlib modules are no rows, and
# a package the index lacks is a warning, not the end of the table
args: table --no-cache --format json --no-index --find-links $CORPUS --pyodide-lock $TMP/pyodide-lock.json
exit: 0
json: [(r["name"], r["version"]) for r in d["rows"]] == [("numpy", "1.24.2"), ("six", "1.16.0")]
json: all(sorted(r["targets"]) == ["cf-python-workers", "cf-python-workers-3.12", "cf-python-workers-3.14", "pymode", "wasi"] for r in d["rows"])
json: d["rows"][0]["targets"]["cf-python-workers"]["how"] == "Pyodide build 2.2.5 (newer than requested 1.24.2)"
stderr-contains: pyodide-lock.json': nosuchpkg 1.0 on pymode: $TMP/pyodide-lock.json:1: no project named 'nosuchpkg' in --find-links $CORPUS
stderr-contains: pyodide-lock.json': nosuchpkg 1.0 on wasi: $TMP/pyodide-lock.json:1: no project named 'nosuchpkg' in --find-links $CORPUS
--- file pyodide-lock.json
{"info": {"arch": "wasm32", "python": "3.13.2", "version": "0.28.0"},
 "packages": {
  "numpy": {"name": "numpy", "version": "1.24.2", "file_name": "numpy-1.24.2-cp313-cp313-pyodide_2025_0_wasm32.whl", "package_type": "package", "imports": ["numpy"], "depends": []},
  "six": {"name": "six", "version": "1.16.0", "file_name": "six-1.16.0-py2.py3-none-any.whl", "package_type": "package", "imports": ["six"], "depends": []},
  "nosuchpkg": {"name": "nosuchpkg", "version": "1.0", "file_name": "nosuchpkg-1.0-py3-none-any.whl", "package_type": "package", "imports": ["nosuchpkg"], "depends": []},
  "libopenblas": {"name": "libopenblas", "version": "0.3.26", "file_name": "libopenblas-0.3.26.zip", "package_type": "shared_library", "imports": [], "depends": []},
  "sqlite3": {"name": "sqlite3", "version": "1.0.0", "file_name": "sqlite3-1.0.0.zip", "package_type": "cpython_module", "imports": ["sqlite3"], "depends": []}
 }}
--- end
