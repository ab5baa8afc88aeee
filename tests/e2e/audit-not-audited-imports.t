# issue 25: modules a package imports that no input provides are named on one "not audited"
# line of the default text report (by top-level name, once each), not hidden among the notes;
# simplejson is not among them: requests imports it only under `if has_simplejson:`, a flag
# its own guarded import sets (issue 21); idna is, through packages.py's
# `for package in ("urllib3", "idna"): __import__(package)` (issue 23)
args: audit $CORPUS/requests-2.28.1-py3-none-any.whl
exit: 0
stdout-contains: \n    not audited: certifi, charset_normalizer, idna, urllib3 (imported, but no input provides them; --verbose shows where)\n
stdout-contains: \n    2 notes (--verbose shows them)\n
stdout-lacks: 3 notes
