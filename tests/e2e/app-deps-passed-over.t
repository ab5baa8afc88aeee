# issue 11: an app given with its packages says its own requirements.txt is not read
args: audit --no-index -f $CORPUS $TMP/svc $CORPUS/six-1.16.0-py3-none-any.whl
exit: 0
stderr-contains: pymode-pkg: note: app '$TMP/svc': its own dependencies ($TMP/svc/requirements.txt) are not read: the other inputs give the packages
--- file svc/requirements.txt
idna
--- end
--- file svc/main.py
import six
--- end
