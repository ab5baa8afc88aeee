"""An orders report written the way analytics handlers are: one function of
list, dict and set comprehensions over in-memory rows (grouping, filtering,
ranking), with statistics and collections from the stdlib."""
import collections
import statistics

REGIONS = ("north", "south", "east", "west")
PRODUCTS = ("widget", "gadget", "gizmo", "doohickey", "sprocket")


def orders():
    return [
        {"id": i, "region": REGIONS[i * 7 % 4], "product": PRODUCTS[i * 3 % 5], "qty": 1 + i * 13 % 9,
         "price": round(2.5 + (i * 37 % 50) / 4, 2), "day": 1 + i * 11 % 28, "returned": i % 17 == 0}
        for i in range(300)
    ]


def report(rows):
    kept = [r for r in rows if not r["returned"]]
    returned = {r["id"] for r in rows if r["returned"]}
    totals = [r["qty"] * r["price"] for r in kept]
    by_region = {g: [r for r in kept if r["region"] == g] for g in REGIONS}
    region_sum = {g: round(sum(r["qty"] * r["price"] for r in rs), 2) for g, rs in by_region.items()}
    region_mean = {g: round(statistics.mean([r["price"] for r in rs]), 2) for g, rs in by_region.items() if rs}
    by_product = {p: sum(r["qty"] for r in kept if r["product"] == p) for p in PRODUCTS}
    top = sorted([(v, p) for p, v in by_product.items()], reverse=True)[:3]
    days = sorted({r["day"] for r in kept})
    per_day = [sum(t for t, r in zip(totals, kept) if r["day"] == d) for d in days]
    busy = [d for d, v in zip(days, per_day) if v > statistics.mean(per_day)]
    big = [r["id"] for r in kept if r["qty"] * r["price"] > 60]
    pairs = collections.Counter([(r["region"], r["product"]) for r in kept])
    common = [f"{a}/{b}" for (a, b), _ in pairs.most_common(3)]
    median = {g: statistics.median([r["qty"] for r in rs]) for g, rs in by_region.items() if rs}
    spread = {g: max([r["price"] for r in rs]) - min([r["price"] for r in rs]) for g, rs in by_region.items() if rs}
    weekly = [[r["id"] for r in kept if (r["day"] - 1) // 7 == w] for w in range(4)]
    week_sizes = [len(w) for w in weekly]
    flags = {r["id"]: ("big" if r["id"] in big else "small") for r in kept[:20]}
    lines = [f"{g}: {region_sum[g]} (mean {region_mean.get(g)}, median {median.get(g)}, spread {spread.get(g)})"
             for g in REGIONS]
    return {"orders": len(rows), "returned": len(returned), "top": [p for _, p in top], "busy_days": len(busy),
            "big": len(big), "common": common, "weeks": week_sizes, "flags": sum(v == "big" for v in flags.values()),
            "lines": lines}


def main():
    r = report(orders())
    return "%(orders)d orders, %(returned)d returned, top %(top)s, %(busy_days)d busy days, weeks %(weeks)s" % r
