# Requires-Python (index attribute or metadata) is honoured for the target's Python
python 3.11
dist a 3.0 python=>=3.12
dist a 2.0 meta-python=>=3.12
dist a 1.0 python=>=3.8
require a
expect a==1.0
