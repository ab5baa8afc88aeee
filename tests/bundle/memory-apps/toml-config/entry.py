"""Configuration: a TOML file parsed with tomli, merged over defaults, rendered with string.Template."""
import string

import tomli

CONFIG = """
[server]
host = "0.0.0.0"
port = 8080
workers = [ "a", "b" ]

[database]
url = "postgres://db/app"
pool = { min = 1, max = 8 }
opened = 2024-03-01T10:00:00Z

[[routes]]
path = "/"
handler = "index"

[[routes]]
path = "/items/{id}"
handler = "item"
"""

DEFAULTS = {"server": {"host": "127.0.0.1", "port": 80, "debug": False}}


def merge(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def main():
    cfg = merge(DEFAULTS, tomli.loads(CONFIG))
    t = string.Template("$host:$port debug=$debug routes=$routes opened=$opened")
    return t.substitute(cfg["server"], routes=",".join(r["handler"] for r in cfg["routes"]),
                        opened=cfg["database"]["opened"].isoformat())
