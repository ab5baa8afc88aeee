"""A jinja2 page rendered through extensions named by string (jinja2 loads
them by import_string): i18n with null translations, loop controls and the
expression statement."""
from jinja2 import DictLoader, Environment

TEMPLATES = {
    "base.html": "<title>{% block title %}{% endblock %}</title>{% block body %}{% endblock %}",
    "page.html": (
        "{% extends 'base.html' %}{% block title %}{{ _('Orders') }}{% endblock %}"
        "{% block body %}{% set seen = [] %}<ul>{% for o in orders %}"
        "{% if o.qty == 0 %}{% continue %}{% endif %}{% do seen.append(o.id) %}"
        "<li>{% trans id=o.id, qty=o.qty %}Order {{ id }}: {{ qty }} item(s){% endtrans %}</li>"
        "{% if loop.index >= limit %}{% break %}{% endif %}{% endfor %}</ul>"
        "<p>{{ seen|join(', ') }} | {{ total|round(2) }}</p>{% endblock %}"
    ),
}


def main():
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True,
                      extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols", "jinja2.ext.do"])
    env.install_null_translations(newstyle=True)
    orders = [{"id": i, "qty": (i * 3) % 4} for i in range(1, 9)]
    return env.get_template("page.html").render(orders=orders, limit=4, total=sum(o["qty"] * 1.25 for o in orders))
