"""Unit conversion from a registry module that is one big dict of tuples
(units.py), the way apps ship a units or currency table."""
from units import BASE, UNITS


def convert(value, src, dst):
    f1, d1, _ = UNITS[src]
    f2, d2, _ = UNITS[dst]
    if d1 != d2:
        raise ValueError("cannot convert %s to %s" % (d1, d2))
    return value * f1 / f2


def main():
    by_dim = {}
    for name, (factor, dim, symbol) in UNITS.items():
        by_dim.setdefault(dim, []).append(name)
    dim = sorted(by_dim)[0]
    a, b = sorted(by_dim[dim])[:2]
    return "%d units in %d dimensions | 3 %s = %.4g %s (%s)" % (
        len(UNITS), len(by_dim), a, convert(3, a, b), b, BASE[dim])
