# the runtime's SDK is vendored from [dependency-groups] dev as pywrangler does, read as
# written (its specifier and marker too) and named at its own line of pyproject.toml
args: bundle $TMP/proj --target cf-python-workers --no-index -f $CORPUS -o $TMP/out
exit: 3
stderr-contains: $TMP/proj/pyproject.toml:11: no project named 'workers-runtime-sdk'
--- file proj/wrangler.json
{"name": "w", "main": "src/entry.py", "compatibility_date": "2026-05-01", "compatibility_flags": ["python_workers"]}
--- end
--- file proj/pyproject.toml
[project]
name = "w"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = []

[dependency-groups]
dev = [
    "workers-py",
    # the one the runtime imports
    "workers-runtime-sdk>=0.1",
]
--- end
--- file proj/src/entry.py
from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("x")
--- end
