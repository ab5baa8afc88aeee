# issue 11: --no-deps in the text report: a note, not silence
args: audit --no-index -f $CORPUS --no-deps $TMP/req.txt
exit: 0
stdout-contains: not audited: attrs, pyrsistent (--no-deps: dependencies not followed)
stdout-contains: dependencies not followed (--no-deps): only the requirements given were audited
stdout-lacks: attrs 22.2.0
--- file req.txt
jsonschema
--- end
