# pymode-table -t picks the targets: one wheel, one target, the seed's conformance layout in Markdown
args: table --no-cache -t cf-python-workers $CORPUS/pyyaml-6.0-cp311-cp311-linux_x86_64.whl
exit: 0
stdout-contains: | Package | Version | Type | Size (gzip) | cf-python-workers |
stdout-contains: | PyYAML | 6.0 | Cython with a pure-Python fallback | 37.8 kB | fallback |
stdout-contains: ## cf-python-workers\n\n| Package | Type | Tests | Notes |\n|---|---|---|---|\n| PyYAML | Cython with a pure-Python fallback | not run | pure Python fallback; the package falls back to pure Python |
stdout-lacks: ## pymode
stdout-lacks: ## Package polyfills
