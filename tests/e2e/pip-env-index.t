# issue 11: PIP_INDEX_URL beats the user config's index-url and UV_INDEX_URL (the index
# asked is the environment's; all three are down, so the error names the one used), and
# PIP_EXTRA_INDEX_URL replaces the config's extra-index-url
args: audit --timeout 5 -r $TMP/requirements.txt
exit: 3
env: PIP_INDEX_URL=http://127.0.0.1:9/env/simple
env: UV_INDEX_URL=http://127.0.0.1:9/uv/simple
--- file requirements.txt
six
--- end
--- file home/.config/pip/pip.conf
[global]
index-url = http://127.0.0.1:9/config/simple
--- end
stderr-contains: 'http://127.0.0.1:9/env/simple/six/'
