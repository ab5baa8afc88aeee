# audit with no input is a usage error naming the command's help
args: audit
exit: 2
stderr-contains: pymode-pkg: error: no input given
stderr-contains: (see 'pymode-pkg audit --help')
