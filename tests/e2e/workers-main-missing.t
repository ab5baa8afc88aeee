# issue 18: a wrangler config whose main does not exist is an error naming it
args: bundle $TMP/proj -o $TMP/out
exit: 3
stderr-contains: wrangler.json: main 'src/gone.py' not found
--- file proj/wrangler.json
{"name": "w", "main": "src/gone.py", "compatibility_flags": ["python_workers"]}
--- end
--- file proj/src/entry.py
x = 1
--- end
