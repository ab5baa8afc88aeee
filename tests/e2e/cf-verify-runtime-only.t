# --verify on a Worker whose handler uses what only the runtime has: a D1 binding
# the config declares (env.DB is there, its use raises), after a KV read that the
# verifier does emulate; the bundle loaded, so each verifier that runs says "not
# conclusive" with the app's file:line and the binding's kind, and the gate passes
# (exit 0); a date of 2026-11-02 runs workerd too, which binds vars and KV only
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 0
json: any(v["runtime"].startswith("Pyodide") for v in d["verify"])
json: all(v["inconclusive"] and not v["ran"] for v in d["verify"] if v["runtime"].startswith("Pyodide"))
json: all("used env.DB.prepare (a d1_databases binding) at src:worker.py:9" in v["skipped"] for v in d["verify"] if v["inconclusive"] and v["runtime"] != "workerd")
json: all(v["inconclusive"] and "env.DB (a d1_databases binding)" in v["skipped"] for v in d["verify"] if v["runtime"] == "workerd" and "Pyodide slot" not in (v["skipped"] or "") and "cannot" not in (v["skipped"] or ""))
--- file proj/wrangler.toml
name = "d1-app"
main = "src/worker.py"
compatibility_date = "2026-11-02"
compatibility_flags = ["python_workers", "disable_python_external_sdk"]

[[kv_namespaces]]
binding = "CACHE"

[[d1_databases]]
binding = "DB"
database_name = "quotes"
database_id = "x"
--- end
--- file proj/src/worker.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        cached = await self.env.CACHE.get("quote")
        if cached:
            return Response(cached)
        row = await self.env.DB.prepare("SELECT text FROM quotes LIMIT 1").first()
        return Response(row["text"])
--- end
