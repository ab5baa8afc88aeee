# issue 11: the text report names an app given as "dir/." after its directory, in the
# name and in the input, never "."
args: audit $TMP/myservice/.
exit: 0
--- file myservice/main.py
import json
--- end
stdout-contains: compatible  myservice (no version)  (app myservice)
