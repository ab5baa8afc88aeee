# a --hash makes the file hash-checking: the wheel's sha256 is none of the
# given ones, so the lock fails with exit 3 naming the file and the line
args: lock --no-index -f $CORPUS -r $TMP/req.txt
exit: 3
stdout-lacks: idna
stderr-contains: hash mismatch for '$CORPUS/idna-3.3-py3-none-any.whl': $TMP/req.txt:1 allows sha256 0000000000000000000000000000000000000000000000000000000000000000, 1111111111111111111111111111111111111111111111111111111111111111; the file has
--- file req.txt
idna==3.3 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000 \
    --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111
--- end
