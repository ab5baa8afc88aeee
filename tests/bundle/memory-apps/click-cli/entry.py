"""A command-line interface with click: a group, options, arguments, run in-process with CliRunner."""
import click
from click.testing import CliRunner


@click.group()
@click.option("--verbose", "-v", count=True)
@click.pass_context
def cli(ctx, verbose):
    ctx.obj = {"verbose": verbose}


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--greeting", default="hello", type=click.Choice(["hello", "hi"]))
@click.pass_obj
def greet(obj, names, greeting):
    for n in names:
        click.echo("%s %s (v=%d)" % (greeting, n, obj["verbose"]))


@cli.command()
@click.option("--count", type=click.IntRange(1, 10), default=2)
def count(count):
    click.echo(" ".join(str(i) for i in range(count)))


def main():
    r = CliRunner()
    out = [r.invoke(cli, ["-vv", "greet", "--greeting", "hi", "ada", "bob"]).output,
           r.invoke(cli, ["count", "--count", "4"]).output,
           str(r.invoke(cli, ["count", "--count", "40"]).exit_code)]
    return "|".join(s.strip() for s in out)
