"""Text with HTML character references: html.unescape and html.entities' tables, both ways."""
import html
from html.entities import codepoint2name


def main():
    text = html.unescape("caf&eacute; &amp; cr&egrave;me &hellip; &frac12; &rarr; &#x3c0; &NotEqualTilde; &lt;b&gt;")
    named = "".join("&%s;" % codepoint2name[ord(c)] if ord(c) in codepoint2name else c for c in text)
    return "%s | %s | %s" % (text, named, html.escape(text))
