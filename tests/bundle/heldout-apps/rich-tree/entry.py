"""rich renderables other than a syntax block: a tree, a panel, a pretty-printed
structure and Markdown (through markdown-it-py), captured as plain text."""
import io

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.pretty import Pretty
from rich.tree import Tree

DOC = "# Release\n\n* fast **bundles**\n* small `stdlib.zip`\n\n> quoted\n"


def main():
    console = Console(file=io.StringIO(), record=True, width=70, color_system=None, force_terminal=False)
    tree = Tree("dist")
    src = tree.add("site-packages.zip")
    src.add("rich/")
    src.add("markdown_it/")
    tree.add("stdlib.zip")
    console.print(Panel(tree, title="bundle"))
    console.print(Pretty({"files": [1, 2, 3], "nested": {"ok": True, "ratio": 1.25}}))
    console.print(Markdown(DOC))
    return console.export_text()
