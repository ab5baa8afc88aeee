# issue 19: the 3.12 profile's stdlib is CPython 3.12's (stdlib_adds / stdlib_drops
# against the shared 3.13 list, measured in Pyodide 0.27.7): cgi and telnetlib, which
# 3.13 removed (PEP 594), are the runtime's there, and the app answers in Pyodide 0.27.7
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 0
json: d["target"] == "cf-python-workers-3.12"
json: d["verify"][1]["runtime"] == "Pyodide 0.27.7" and d["verify"][1]["ok"]
json: "x-escaped: a&amp;b" in d["verify"][1]["response"]["headers"]
json: sorted(__import__("os").listdir(TMP + "/out/python_modules")) == []
--- file proj/wrangler.toml
name = "older"
main = "src/entry.py"
compatibility_date = "2025-03-01"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/entry.py
import cgi
import html
import telnetlib

from workers import Response


async def on_fetch(request, env):
    assert telnetlib.IAC == bytes([255])
    return Response("older", headers={"x-escaped": html.escape("a&b"), "x-cgi": cgi.__name__})
--- end
