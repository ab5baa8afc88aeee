"""Which country and network an address is in, by bisection over a table of
ranges shipped as a module (ranges.py: a tuple of tuples of integers)."""
import bisect
import ipaddress

from ranges import RANGES

STARTS = [r[0] for r in RANGES]


def lookup(addr):
    n = int(ipaddress.IPv4Address(addr))
    i = bisect.bisect_right(STARTS, n) - 1
    if i >= 0 and n <= RANGES[i][1]:
        return RANGES[i][2], RANGES[i][3]
    return None


def main():
    probes = [str(ipaddress.IPv4Address(RANGES[k][0] + 7)) for k in range(0, len(RANGES), 400)]
    probes.append("1.0.0.1")
    found = [lookup(p) for p in probes]
    return "%d ranges | %s" % (len(RANGES), ", ".join("%s=%s" % (p, f[0] if f else "-") for p, f in zip(probes, found)))
