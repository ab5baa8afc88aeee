# pymode-bundle needs -o (or --why): a usage error, exit 2
args: pymode-bundle --entry x.py
exit: 2
stderr-contains: no output directory given (-o OUTDIR)
