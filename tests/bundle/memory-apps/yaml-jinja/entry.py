"""A static-site page: YAML front matter and data rendered through Jinja2 templates."""
import yaml
from jinja2 import Environment, DictLoader

SOURCE = """title: Menu
date: 2024-02-01
dishes:
  - {name: soup, price: 4.5, veg: true}
  - {name: steak, price: 19, veg: false}
  - {name: salad, price: 7.25, veg: true}
"""

TEMPLATES = {"page": "<h1>{{ title }} ({{ date }})</h1>{% for d in dishes if d.veg %}"
                     "<p>{{ d.name|capitalize }} {{ '%.2f'|format(d.price) }}</p>{% endfor %}"}


def main():
    data = yaml.safe_load(SOURCE)
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    html = env.get_template("page").render(**data)
    return html + "\n" + yaml.safe_dump({"count": len(data["dishes"])})
