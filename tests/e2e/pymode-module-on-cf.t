# issue 18: PyMode's runtime package on cf-python-workers is unsupported, and the
# bundle stops with the importer's file:line (an eager app import that resolves
# nowhere), whatever the wording of the rule
args: bundle $TMP/app --target cf-python-workers -o $TMP/out
exit: 1
stderr-contains: entry.py:1: 'pymode' is imported when the app loads but resolves nowhere
stderr-contains: runtime module of pymode
--- file app/entry.py
from pymode.workers import Response


def on_fetch(request, env):
    return Response("hi")
--- end
