# issue 19: python_modules.exclude leaving out a module the app imports when it starts
# would deploy a Worker that cannot start: an error naming the config, the glob and
# the module; --force-exclude leaves it out anyway and lists it
args: bundle $TMP/proj --target cf-python-workers --no-index -f $CORPUS -o $TMP/out
exit: 1
stderr-contains: wrangler.toml: python_modules.exclude 'six.py' leaves out python_modules/six.py, but the app loads six when it starts (--why six; --force-exclude to leave it out anyway)
--- file proj/wrangler.toml
name = "excl"
main = "src/worker.py"
compatibility_date = "2026-11-02"
compatibility_flags = ["python_workers", "disable_python_external_sdk"]
python_modules.exclude = ["six.py"]
--- end
--- file proj/pyproject.toml
[project]
name = "excl"
version = "0.1.0"
dependencies = ["six"]
--- end
--- file proj/src/worker.py
from workers import Response, WorkerEntrypoint
import six


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(six.text_type("hello"))
--- end
