"""Markdown to HTML with markdown-it-py (CommonMark): headings, lists, code, links, tables."""
from markdown_it import MarkdownIt

DOC = """# Title

Some *emphasis*, **strong** and `code`, a [link](https://example.org "t").

- one
- two
  1. nested

```python
print("hi")
```

| a | b |
|---|---|
| 1 | 2 |

> quoted
"""


def main():
    md = MarkdownIt("commonmark").enable("table")
    html = md.render(DOC)
    tokens = md.parse(DOC)
    return "%d bytes, %d tokens, %s" % (len(html), len(tokens), html.splitlines()[0])
