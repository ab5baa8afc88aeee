# an unknown subcommand lists the commands
args: frobnicate
exit: 2
stderr-contains: unknown command 'frobnicate'
stderr-contains: audit
