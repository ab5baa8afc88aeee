# a local path that does not exist, relative to the working directory as pip
args: lock --no-index -f $CORPUS -r $TMP/sub/req.txt
exit: 3
stderr-contains: $TMP/sub/req.txt:1: './dist/pkg-1.0-py3-none-any.whl' does not exist
--- file sub/req.txt
./dist/pkg-1.0-py3-none-any.whl
--- end
