# every subcommand answers --help on stdout with exit 0
args: pymode-audit --help
exit: 0
stdout-contains: usage: pymode-audit [options] PATH...
stdout-contains: --fail-on VERDICT
stdout-contains: exit status: 0 fine, 1 gate failed, 2 usage error, 3 bad input or I/O failure
