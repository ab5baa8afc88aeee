"""Plain-text formatting: textwrap and string.Template over a few paragraphs."""
import string
import textwrap

TEXT = ("The quick brown fox jumps over the lazy dog. " * 12).strip()
PAGE = string.Template("$title\n$rule\n$body\n-- $author")


def main():
    body = textwrap.fill(TEXT, width=38, initial_indent="  ", subsequent_indent="  ")
    short = textwrap.shorten(TEXT, width=60, placeholder=" [...]")
    page = PAGE.substitute(title="Fox", rule="=" * 3, body=textwrap.indent(body, "> "), author="anon")
    return "%d lines; %s; %s" % (page.count("\n") + 1, short, textwrap.dedent("   x\n   y").replace("\n", "|"))
