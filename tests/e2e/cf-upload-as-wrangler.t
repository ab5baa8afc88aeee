# issue 19: a Worker project's sizes are what `wrangler deploy` uploads and the figure
# it prints: the files of main's folder its module rules match (data.json matches none:
# not uploaded, and said), python_modules/ (python_modules.exclude honoured), main last;
# gzip is ONE stream at level 6 over them in wrangler's order (a depth-first walk of
# byte-sorted folders: a/x.txt before a-b.txt), as wrangler's getSize computes it
args: bundle $TMP/proj --target cf-python-workers --no-index -f $CORPUS -o $TMP/out --format json
exit: 0
json: d["bundle"]["sizes"]["upload"]["not_uploaded"] == ["src/data.json"]
json: d["bundle"]["sizes"]["upload"]["excluded"] == [{"path": "python_modules/six-1.16.0.dist-info/METADATA", "glob": "six-*.dist-info/**"}]
json: not __import__("os").path.exists(TMP + "/out/python_modules/six-1.16.0.dist-info/METADATA")
json: d["bundle"]["sizes"]["upload"]["modules"] == 6
json: open(TMP + "/out/python_modules/pyvenv.cfg").read() == ""
json: d["bundle"]["sizes"]["total"]["raw"] == sum(__import__("os").path.getsize(TMP + "/out/" + f) for f in ["src/a/x.txt", "src/a-b.txt", "src/templates/page.html", "python_modules/pyvenv.cfg", "python_modules/six.py", "src/worker.py"])
json: d["bundle"]["sizes"]["total"]["gzip"] == d["bundle"]["sizes"]["upload"]["gzip"] == (lambda z, c: len(c.compress(b"".join(open(TMP + "/out/" + f, "rb").read() for f in ["src/a/x.txt", "src/a-b.txt", "src/templates/page.html", "python_modules/pyvenv.cfg", "python_modules/six.py", "src/worker.py"])) + c.flush()))(None, __import__("zlib").compressobj(6, __import__("zlib").DEFLATED, 31))
--- file proj/wrangler.toml
name = "upload"
main = "src/worker.py"
compatibility_date = "2026-11-02"
compatibility_flags = ["python_workers", "disable_python_external_sdk"]

[python_modules]
exclude = ["six-*.dist-info/**"]
--- end
--- file proj/pyproject.toml
[project]
name = "upload"
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
--- file proj/src/a/x.txt
first: a/ sorts before a-b.txt in a walk of sorted folders
--- end
--- file proj/src/a-b.txt
second
--- end
--- file proj/src/templates/page.html
<p>hello</p>
--- end
--- file proj/src/data.json
{"no module rule": "matches .json by default"}
--- end
