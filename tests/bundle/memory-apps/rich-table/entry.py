"""Terminal rendering with rich, captured to a string: a styled table and markup text."""
from rich.console import Console
from rich.table import Table


def main():
    console = Console(width=60, record=True, color_system="truecolor", force_terminal=True)
    t = Table(title="Orders", show_lines=True)
    t.add_column("id", justify="right", style="cyan")
    t.add_column("item")
    t.add_column("price", justify="right", style="green")
    for i, (item, price) in enumerate([("tea", 2.5), ("cake", 4.0), ("scone", 3.25)]):
        t.add_row(str(i + 1), item, "%.2f" % price)
    with console.capture() as cap:
        console.print(t)
        console.print("[bold red]alert[/] and [link=https://example.org]a link[/link] :thumbs_up:")
    out = cap.get()
    return "%d bytes, %d lines" % (len(out), out.count("\n"))
