# a path that does not exist is bad input (exit 3)
args: audit $TMP/nope.whl
exit: 3
stderr-contains: pymode-pkg: error: '$TMP/nope.whl': no such file or directory
