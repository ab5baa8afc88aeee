# an announced command that is not built yet says so and exits 2
args: pymode-bundle --entry x.py
exit: 2
stderr-contains: 'bundle' is not built yet
