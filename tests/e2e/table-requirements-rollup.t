# pymode-table over a requirements file that pulls in dependencies: each row's verdict is
# rolled up over them as pymode-audit -r gives it (jsonschema is pure Python itself; attrs
# needs a partial polyfill on pymode, pyrsistent its pure-Python fallback elsewhere)
args: table --no-cache --no-index --find-links $CORPUS $TMP/requirements.txt
exit: 0
stdout-contains: | jsonschema | 4.10.3 | pure Python | 65.8 kB | compatible itself; polyfill through attrs | compatible itself; fallback through pyrsistent | compatible itself; fallback through pyrsistent |
stdout-contains: | attrs | 22.2.0 | pure Python | 48.2 kB | polyfill | compatible | compatible |
stdout-contains: | pyrsistent | 0.18.1 | C extension with a pure-Python fallback | 43.9 kB | fallback | fallback | fallback |
stdout-contains: ## pymode\n\n| Package | Type | Tests | Notes |\n|---|---|---|---|\n| attrs | pure Python | not run | polyfilled: stdlib threading (partial)
stdout-contains: ; polyfill through attrs |
--- file requirements.txt
jsonschema
--- end
