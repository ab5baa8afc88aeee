# every announced command is built now: pymode-table without an input is a usage error
args: table --format json
exit: 2
stderr-contains: no input given
stderr-contains: (see 'pymode-pkg table --help')
