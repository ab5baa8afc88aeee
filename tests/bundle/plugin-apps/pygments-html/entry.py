"""Syntax highlighting as Cloudflare's Python Workers Pygments example does it:
a lexer and a formatter looked up by name, which Pygments loads by computed
module name from its _mapping tables."""
from pygments import highlight
from pygments.lexers import get_lexer_by_name
from pygments.formatters import get_formatter_by_name

CODE = '''def greet(name: str) -> str:
    """Say hello."""
    return f"Hello, {name}!"  # a comment
'''


def main():
    lexer = get_lexer_by_name("python")
    formatter = get_formatter_by_name("html", style="monokai", linenos=False)
    return highlight(CODE, lexer, formatter)
