"""Rich text: a small lightweight-markup language (*bold*, _em_, `code`, [text](url))
parsed with pyparsing and rendered to HTML escaped with MarkupSafe."""
import pyparsing as pp
from markupsafe import Markup, escape

TEXT = """*Hello* _world_ & friends: see [the docs](https://example.org/?a=1&b=2) or run `x < y`.
Second *line* with <tags> left as text."""


def grammar():
    bold = pp.QuotedString("*").set_parse_action(lambda t: Markup("<b>%s</b>") % t[0])
    em = pp.QuotedString("_").set_parse_action(lambda t: Markup("<em>%s</em>") % t[0])
    code = pp.QuotedString("`").set_parse_action(lambda t: Markup("<code>%s</code>") % t[0])
    link = (pp.Suppress("[") + pp.SkipTo("]")("text") + pp.Suppress("](")
            + pp.SkipTo(")")("url") + pp.Suppress(")"))
    link.set_parse_action(lambda t: Markup('<a href="%s">%s</a>') % (t.url, t.text))
    return bold | em | code | link


def main():
    g = grammar()
    out = []
    for line in TEXT.splitlines():
        out.append(str(Markup("<p>%s</p>") % _render(g, line)))
    return "\n".join(out)


def _render(g, line):
    parts, last = [], 0
    for toks, start, end in g.scan_string(line):
        parts.append(escape(line[last:start]))
        parts.append(toks[0])
        last = end
    parts.append(escape(line[last:]))
    return Markup("").join(parts)
