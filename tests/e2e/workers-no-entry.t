# issue 18: no entry anywhere: the error names every place it looked
args: bundle $TMP/proj -o $TMP/out
exit: 3
stderr-contains: no entry in
stderr-contains: main in wrangler.toml, wrangler.jsonc or wrangler.json
stderr-contains: [tool.pymode] main or entry in pyproject.toml, entry.py, main.py, src/entry.py, src/worker.py; give --entry FILE
--- file proj/src/app.py
print("hi")
--- end
