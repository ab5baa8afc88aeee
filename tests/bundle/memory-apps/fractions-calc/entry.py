"""Exact arithmetic: fractions, a continued fraction, and the limit of a series."""
import math
from fractions import Fraction


def main():
    h = sum(Fraction(1, k) for k in range(1, 25))
    cf, x = [], Fraction(415, 93)
    while x.denominator != 1:
        a = math.floor(x)
        cf.append(a)
        x = 1 / (x - a)
    cf.append(int(x))
    pi = Fraction(math.pi).limit_denominator(1000)
    return "%s %s %s %s" % (h, cf, pi, Fraction("3.1415926535").limit_denominator(100))
