# issue 11: with --verbose a limited module is a `limited-module` note with its place and the
# rule's reason (subprocess imports on wasi: Lib/subprocess.py sets _can_fork_exec to False)
args: audit --verbose --target wasi $TMP/tool
exit: 0
stdout-contains: compatible  limited-module 'subprocess': stdlib module 'subprocess' is limited on wasi: imports (Lib/subprocess.py sets _can_fork_exec to False on wasi and never imports _posixsubprocess), but spawning raises: WASI has no fork or exec (unguarded import when the package loads)\n        at cli.py:1 [eager]\n
stdout-lacks: limited on wasi (imports, some calls fail)
--- file tool/cli.py
import subprocess
--- end
