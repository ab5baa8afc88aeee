# issue 11: UV_INDEX_URL is honoured (uv's name for the index) when PIP_INDEX_URL is not
# set: the index asked is uv's, and it beats the user config's
args: audit --timeout 5 -r $TMP/requirements.txt
exit: 3
env: UV_INDEX_URL=http://127.0.0.1:9/uv/simple
--- file requirements.txt
six
--- end
--- file home/.config/pip/pip.conf
[global]
index-url = http://127.0.0.1:9/config/simple
--- end
stderr-contains: 'http://127.0.0.1:9/uv/simple/six/'
