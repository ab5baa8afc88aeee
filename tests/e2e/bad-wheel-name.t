# a .whl whose name is not a wheel filename is bad input
args: audit $TMP/x.whl
exit: 3
stderr-contains: wheel filename 'x.whl' has too few parts
--- file x.whl
not a wheel
--- end
