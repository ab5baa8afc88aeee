# an unknown output format is a usage error
args: audit --format yaml $TMP
exit: 2
stderr-contains: unknown format 'yaml' (text, json, md, html, sarif, junit)
