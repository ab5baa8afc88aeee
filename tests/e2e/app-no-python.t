# issue 11: an input with no Python in it says so, without --verbose
args: audit $TMP/docs
exit: 0
stdout-contains:     no Python in it: no .py file, wheel, sdist or installed distribution was found
--- file docs/README.md
just text
--- end
