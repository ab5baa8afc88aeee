"""A ledger in JSON with exact decimals: simplejson (pure fallback) with Decimal, a running balance."""
from decimal import Decimal

import simplejson

ENTRIES = simplejson.dumps([{"day": d, "amount": "%d.%02d" % (d * 7 % 50, d * 13 % 100),
                             "kind": "credit" if d % 3 else "debit"} for d in range(1, 366)])


def main():
    rows = simplejson.loads(ENTRIES)
    balance = Decimal(0)
    worst = Decimal(0)
    for r in rows:
        amt = Decimal(r["amount"])
        balance += amt if r["kind"] == "credit" else -amt
        worst = min(worst, balance)
    summary = {"balance": balance, "worst": worst, "n": len(rows)}
    return simplejson.dumps(summary, use_decimal=True, sort_keys=True)
