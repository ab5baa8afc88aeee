# an announced command that is not built yet says so and exits 2
args: pymode-table x
exit: 2
stderr-contains: 'table' is not built yet
