# the dev group's SDK requirement keeps its marker: one that is false for the target's
# Python vendors nothing, so the bundle is refused as one without the SDK
args: bundle $TMP/proj --target cf-python-workers --no-index -f $CORPUS -o $TMP/out
exit: 1
stderr-contains: add workers-runtime-sdk to the requirements
--- file proj/wrangler.json
{"name": "w", "main": "src/entry.py", "compatibility_date": "2026-05-01", "compatibility_flags": ["python_workers"]}
--- end
--- file proj/pyproject.toml
[project]
name = "w"
version = "0.1.0"
dependencies = []

[dependency-groups]
dev = ["workers-runtime-sdk; python_version < '3'"]
--- end
--- file proj/src/entry.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("x")
--- end
