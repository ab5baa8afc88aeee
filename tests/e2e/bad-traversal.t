# a wheel with '../' members is refused, naming the archive and member, printing no report
args: audit $SYN/bad/traversal-1.0-py3-none-any.whl
exit: 3
--- stdout
--- end
--- stderr
pymode-pkg: error: '$SYN/bad/traversal-1.0-py3-none-any.whl': unsafe member name '../../evil.py' (absolute, or climbing out with '..'): refusing the archive
--- end
