# an unknown option is a usage error
args: audit --frobnicate x
exit: 2
stderr-contains: unrecognized option '--frobnicate'
