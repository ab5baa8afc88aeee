# a Python Worker beside a JavaScript one (Cloudflare's js-api-pygments keeps py/ and ts/): the
# error names the folder whose wrangler config has a Python main, and not the JavaScript one
args: bundle $TMP/proj -o $TMP/out
exit: 3
--- file proj/README.md
two Workers
--- end
--- file proj/py/wrangler.jsonc
{
	// the Python one
	"name": "py-rpc-server",
	"main": "src/entry.py",
	"compatibility_date": "2026-06-01",
	"compatibility_flags": ["python_workers"],
}
--- end
--- file proj/py/src/entry.py
from workers import WorkerEntrypoint
--- end
--- file proj/ts/wrangler.jsonc
{ "name": "ts", "main": "src/index.ts", "compatibility_date": "2026-06-01" }
--- end
--- file proj/ts/src/index.ts
export default {};
--- end
--- stderr
pymode-pkg: error: no entry in '$TMP/proj': looked for main in wrangler.toml, wrangler.jsonc or wrangler.json, [tool.pymode] main or entry in pyproject.toml, entry.py, main.py, src/entry.py, src/worker.py; give --entry FILE; a Python Worker is in '$TMP/proj/py' (py/wrangler.jsonc has main 'src/entry.py')
--- end
