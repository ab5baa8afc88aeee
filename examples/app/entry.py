"""A tiny web handler for `make demo`: renders a YAML config as JSON or HTML."""
import json
import re

import yaml
from jinja2 import Environment
from markupsafe import escape

PAGE = Environment().from_string("<h1>{{ title }}</h1><ul>{% for k, v in items %}"
                                 "<li>{{ k }}: {{ v }}</li>{% endfor %}</ul>")
SLUG = re.compile(r"[^a-z0-9]+")


def handle(path, body):
    data = yaml.safe_load(body) or {}
    if path.endswith(".json"):
        return 200, "application/json", json.dumps(data)
    title = escape(SLUG.sub("-", path.lower()).strip("-"))
    return 200, "text/html", PAGE.render(title=title, items=sorted(data.items()))
