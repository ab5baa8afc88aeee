# issue 19: from compatibility_date 2026-04-21 the runtime imports its workers SDK
# from python_modules (enable_python_external_sdk): a bundle without it cannot
# start on Cloudflare, so it is an error that says what to add
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out
exit: 1
stderr-contains: wrangler.json: with compatibility_date 2026-05-01 the runtime imports its 'workers' SDK from python_modules
stderr-contains: add workers-runtime-sdk to the requirements
stderr-contains: disable_python_external_sdk
--- file proj/wrangler.json
{"name": "w", "main": "src/entry.py", "compatibility_date": "2026-05-01", "compatibility_flags": ["python_workers"]}
--- end
--- file proj/src/entry.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("x")
--- end
