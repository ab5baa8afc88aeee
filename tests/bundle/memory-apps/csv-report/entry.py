"""A CSV report: rows read from text, grouped and summed, written back as CSV."""
import csv
import io
from collections import defaultdict

DATA = "region,product,units,price\n" + "\n".join(
    "%s,%s,%d,%.2f" % (r, p, (i * 7) % 13 + 1, 1.5 + (i % 5)) for i, (r, p) in enumerate(
        [(r, p) for r in ("north", "south", "east", "west") for p in ("tea", "coffee", "cocoa")] * 5))


def main():
    totals = defaultdict(float)
    for row in csv.DictReader(io.StringIO(DATA)):
        totals[(row["region"], row["product"])] += int(row["units"]) * float(row["price"])
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    w.writerow(["region", "product", "revenue"])
    for (region, product), v in sorted(totals.items()):
        w.writerow([region, product, "%.2f" % v])
    return out.getvalue().replace("\r\n", ";")
