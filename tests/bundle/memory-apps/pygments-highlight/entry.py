"""Syntax highlighting with Pygments: Python source to HTML with a named lexer and style."""
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

SRC = '''
import os

class Greeter:
    """Says hello."""
    def __init__(self, name: str = "world") -> None:
        self.name = name

    def greet(self, times=1):
        return ", ".join(f"hello {self.name}" for _ in range(times))  # a comment
'''


def main():
    out = highlight(SRC, PythonLexer(), HtmlFormatter(style="default", linenos=False))
    return "%d bytes, %d spans" % (len(out), out.count("<span"))
