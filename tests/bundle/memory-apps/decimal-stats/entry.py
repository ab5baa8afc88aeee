"""Numbers: a price table in exact decimals and fractions, summarised with statistics and csv out."""
import csv
import io
import statistics
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction


def main():
    rows = [(i, Decimal(i * 37 % 1000) / 100, Fraction(i % 7 + 1, i % 5 + 2)) for i in range(1, 400)]
    prices = [p for _, p, _ in rows]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "price", "share"])
    for i, p, f in rows[:20]:
        w.writerow([i, p.quantize(Decimal("0.01"), ROUND_HALF_EVEN), f])
    return "%s %s %s %s %d" % (statistics.mean(prices), statistics.median(prices),
                               round(statistics.pstdev([float(p) for p in prices]), 4),
                               sum(f for _, _, f in rows), len(buf.getvalue()))
