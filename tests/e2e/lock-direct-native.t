# a direct reference to a wheel whose tags the target does not accept is
# refused (pip: "not a supported wheel on this platform"); --any-platform
# pins it anyway, marked
args: lock --no-index -r $TMP/req.txt
exit: 3
stderr-contains: $TMP/req.txt:1: 'pyyaml-6.0-cp311-cp311-linux_x86_64.whl' is not a wheel the target can install
--- file req.txt
$CORPUS/pyyaml-6.0-cp311-cp311-linux_x86_64.whl
--- end
