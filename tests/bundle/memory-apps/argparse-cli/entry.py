"""A command-line parser with argparse: subcommands, types, defaults, help text."""
import argparse


def build():
    p = argparse.ArgumentParser(prog="tool", description="a demo tool")
    p.add_argument("-v", "--verbose", action="count", default=0)
    sub = p.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="run a job")
    run.add_argument("job")
    run.add_argument("--times", type=int, default=1)
    run.add_argument("--mode", choices=["fast", "slow"], default="fast")
    ls = sub.add_parser("list", help="list jobs")
    ls.add_argument("--all", action="store_true")
    return p


def main():
    p = build()
    a = p.parse_args(["-vv", "run", "build", "--times", "3", "--mode", "slow"])
    b = p.parse_args(["list", "--all"])
    return "%s %d %s %d %s | %s %s | %d" % (a.cmd, a.verbose, a.job, a.times, a.mode, b.cmd, b.all,
                                           len(p.format_help()))
