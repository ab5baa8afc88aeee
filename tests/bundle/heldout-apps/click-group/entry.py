"""A click command group with subcommands, choices, ranges and a context
object, invoked from an argument list the way a worker would route a path."""
import click


@click.group()
@click.option("--verbose", is_flag=True)
@click.pass_context
def cli(ctx, verbose):
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


@cli.command()
@click.argument("name")
@click.option("--times", type=click.IntRange(1, 5), default=1)
@click.pass_obj
def greet(obj, name, times):
    return " ".join(["hi %s" % name] * times) + (" (verbose)" if obj["verbose"] else "")


@cli.command()
@click.option("--unit", type=click.Choice(["c", "f"]), default="c")
@click.argument("value", type=float)
def convert(unit, value):
    return "%.1f" % (value * 9 / 5 + 32 if unit == "f" else (value - 32) * 5 / 9)


def main():
    a = cli.main(["--verbose", "greet", "ada", "--times", "2"], standalone_mode=False)
    b = cli.main(["convert", "--unit", "f", "21.5"], standalone_mode=False)
    return "%s | %s" % (a, b)
