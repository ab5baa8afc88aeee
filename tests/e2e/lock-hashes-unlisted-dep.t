# in hash-checking mode a dependency missing from the requirements is an
# error before anything is downloaded (pip: hashes are required for all)
args: lock --any-platform --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: hash-checking mode (--require-hashes): these pins have no --hash in the requirements: attrs==22.2.0 (via jsonschema), pyrsistent==0.18.1 (via jsonschema); add them
--- file req.txt
jsonschema==4.10.3 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000
--- end
