# imports --help
args: imports -h
exit: 0
stdout-contains: usage: pymode-pkg imports [options] PATH...
