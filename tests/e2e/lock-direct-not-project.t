# a directory without pyproject.toml, setup.py or setup.cfg is not a project;
# a named reference to a wheel of another name is refused
args: lock --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stderr-contains: $TMP/req.txt:1: 'notaproject' is not a Python project (no pyproject.toml, setup.py or setup.cfg)
--- file req.txt
-e notaproject
--- end
--- file notaproject/readme.txt
--- end
