"""A lookup table shipped as Python: the places near a point and the largest
ones, from an app module that is one big list of tuples (places.py)."""
import math

from places import PLACES


def distance(a, b, c, d):
    p = math.radians
    h = math.sin(p(c - a) / 2) ** 2 + math.cos(p(a)) * math.cos(p(c)) * math.sin(p(d - b) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def main():
    near = sorted(PLACES, key=lambda r: distance(48.85, 2.35, r[2], r[3]))[:3]
    big = sorted(PLACES, key=lambda r: -r[4])[:3]
    return "%d places | near: %s | largest: %s" % (len(PLACES), ", ".join(r[1] for r in near),
                                                   ", ".join("%s (%d)" % (r[1], r[4]) for r in big))
