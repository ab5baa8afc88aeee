# with --any-platform a native direct wheel is pinned, marked not installable
args: lock -q --any-platform --no-index -r $TMP/req.txt
exit: 0
stdout-contains: pyyaml @ file://$CORPUS/pyyaml-6.0-cp311-cp311-linux_x86_64.whl \
stdout-contains:     # not installable on the target: pyyaml-6.0-cp311-cp311-linux_x86_64.whl
--- file req.txt
$CORPUS/pyyaml-6.0-cp311-cp311-linux_x86_64.whl
--- end
