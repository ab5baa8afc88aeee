"""Templating: a Jinja2 page with autoescaping, a macro, a filter and inheritance."""
from jinja2 import DictLoader, Environment, select_autoescape

TEMPLATES = {
    "base.html": "<html><title>{% block title %}{% endblock %}</title>"
                 "<body>{% block body %}{% endblock %}</body></html>",
    "page.html": "{% extends 'base.html' %}"
                 "{% macro item(x) %}<li>{{ x.name|title }}: {{ x.price|money }}</li>{% endmacro %}"
                 "{% block title %}{{ title }}{% endblock %}"
                 "{% block body %}<ul>{% for x in items|sort(attribute='name') %}{{ item(x) }}"
                 "{% endfor %}</ul><p>{{ note }}</p>{% endblock %}",
}


def money(value):
    return "%.2f EUR" % value


def main():
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["money"] = money
    page = env.get_template("page.html")
    return page.render(
        title="Price list",
        items=[{"name": "pears", "price": 2.5}, {"name": "apples", "price": 1.25}],
        note="<script>alert('x')</script> & more",
    )
