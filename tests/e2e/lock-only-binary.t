# --only-binary :all: in a requirements file rules out sdists: a package
# that has only an sdist cannot be pinned (exit 1, explained)
args: lock --no-index -f $SYN -r $TMP/req.txt
exit: 1
stderr-contains: the requirement 'puresdist' ($TMP/req.txt:3)
stderr-contains: but the index has no installable version of puresdist
--- file req.txt
# only wheels
--only-binary :all:
puresdist
--- end
