# issue 18: a Cloudflare Python Worker as Cloudflare's examples lay it out: the
# entry is the wrangler config's main (wrangler.jsonc with comments and trailing
# commas), a class Default(WorkerEntrypoint) whose fetch reads a var and a KV
# binding the config declares; --verify calls Default.fetch with the request and
# every verifier that runs gets the handler's response, workerd itself among them
# (the config's date picks Python 3.14, which workerd serves offline)
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --verify-request 'GET /hello?name=ann' --format json
exit: 0
json: d["entry_file"].endswith("src/worker.py")
json: any(v["ran"] for v in d["verify"])
json: all(v["ok"] and v["handler"] == "Default.fetch(request)" for v in d["verify"] if v["ran"] and v["runtime"] != "workerd")
json: all(v["ok"] for v in d["verify"] if v["ran"])
json: all(v["response"]["status"] == 203 and v["response"]["body_bytes"] == len("hi ann /hello from KV") for v in d["verify"] if v["ran"])
json: all("x-app: worker" in v["response"]["headers"] for v in d["verify"] if v["ran"])
json: [v["response"]["status"] for v in __import__("json").load(open(TMP + "/out/bundle.json"))["verify"] if v["ran"]] == [v["response"]["status"] for v in d["verify"] if v["ran"]]
--- file proj/wrangler.jsonc
{
	// a Worker, as `npm create cloudflare` writes it
	"$schema": "node_modules/wrangler/config-schema.json",
	"name": "hello-python", /* the Worker's name */
	"main": "src/worker.py",
	"compatibility_date": "2026-11-02",
	// the runtime's own workers SDK (no workers-runtime-sdk to vendor here)
	"compatibility_flags": ["python_workers", "disable_python_external_sdk",],
	"vars": {"GREETING": "hi",},
	"kv_namespaces": [{"binding": "STORE", "id": "<id>"},],
}
--- end
--- file proj/pyproject.toml
[project]
name = "hello-python"
version = "0.1.0"
dependencies = []
--- end
--- file proj/src/worker.py
from urllib.parse import urlparse, parse_qs

from workers import Response, WorkerEntrypoint

from helpers import greeting


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        await self.env.STORE.put("where", "from KV")
        where = await self.env.STORE.get("where")
        url = urlparse(request.url)
        name = parse_qs(url.query)["name"][0]
        body = greeting(self.env.GREETING, name, url.path, where)
        return Response(body, status=203, headers={"x-app": "worker"})
--- end
--- file proj/src/helpers.py
def greeting(word, name, path, where):
    return "%s %s %s %s" % (word, name, path, where)
--- end
