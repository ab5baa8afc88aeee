# conditions are kept as written and evaluated for the target
args: imports $TMP/p
exit: 0
stdout-contains: m.py:3: tomllib [eager, conditional] if sys.version_info >= (3, 11) (true on target)
stdout-contains: m.py:5: tomli [eager, conditional] if not (sys.version_info >= (3, 11)) (false on target)
--- file p/m.py
import sys
if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli
--- end
