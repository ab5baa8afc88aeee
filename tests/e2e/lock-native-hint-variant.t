# issue 11: a lock that fails on a native-only package (numpy: only linux x86_64 builds in
# the wheelhouse) suggests --any-platform and names the target's variant of it
args: lock --no-index -f $CORPUS -r $TMP/requirements.txt
exit: 1
--- file requirements.txt
numpy
--- end
--- stderr
pymode-pkg: error: the requirement 'numpy' ($TMP/requirements.txt:1) requires numpy, but the index has no installable version of numpy: its files are native builds for other platforms; --any-platform locks one anyway (to audit it), and pymode has a wasm variant of numpy: python-numpy.wasm 2.4.2
--- end
