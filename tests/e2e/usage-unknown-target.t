# an unknown target is a usage error listing the known ones
args: audit --target nosuch $TMP/app
exit: 2
stderr-contains: unknown target 'nosuch'
stderr-contains: pymode
--- file app/main.py
import json
--- end
