# issue 19: --force-exclude lets python_modules.exclude leave out a module the app
# loads; the file is not written and the report lists it with its glob
args: bundle $TMP/proj --target cf-python-workers --no-index -f $CORPUS -o $TMP/out --force-exclude
exit: 0
stdout-contains: python_modules.exclude left out 2 files (python_modules/six.py, by 'six.py', ...)
--- file proj/wrangler.toml
name = "excl"
main = "src/worker.py"
compatibility_date = "2026-11-02"
compatibility_flags = ["python_workers", "disable_python_external_sdk"]
python_modules.exclude = ["six.py", "*.dist-info/METADATA"]
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
