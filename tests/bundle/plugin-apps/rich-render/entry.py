"""Terminal rendering with rich: a table, markup and a syntax-highlighted
snippet (rich renders through Pygments) captured to plain text."""
import io

from rich.console import Console
from rich.syntax import Syntax
from rich.table import Table

CODE = 'print("hello")\nfor i in range(3):\n    print(i * 2)\n'


def main():
    console = Console(file=io.StringIO(), record=True, width=60, color_system=None, force_terminal=False)
    table = Table(title="Sizes")
    table.add_column("name")
    table.add_column("bytes", justify="right")
    table.add_row("entry.py", "512")
    table.add_row("[bold]stdlib.zip[/bold]", "120000")
    console.print(table)
    console.print(Syntax(CODE, "python", theme="monokai", line_numbers=True))
    console.print("[italic]done[/italic] :thumbs_up:")
    return console.export_text()
