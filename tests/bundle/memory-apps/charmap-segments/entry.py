"""Text mapped through a code-point table shipped as Python in segments
(charmap.py: 40 functions each returning a list of tuples), looked up by bisection."""
import bisect

from charmap import TABLE

STARTS = [r[0] for r in TABLE]


def lookup(c):
    i = bisect.bisect_right(STARTS, ord(c)) - 1
    if i < 0 or ord(c) > TABLE[i][1]:
        return c
    row = TABLE[i]
    return row[3] if row[2] == "M" else ("" if row[2] == "D" else c)


def main():
    text = "".join(chr(r[0]) for r in TABLE[::97])
    mapped = "".join(lookup(c) for c in text)
    return "%d rows | %d chars in, %d out | %s" % (len(TABLE), len(text), len(mapped), mapped[:20])
