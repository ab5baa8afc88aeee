"""Binary serialisation: msgpack and cbor2 (pure-Python fallbacks) round trips of nested records."""
import datetime

import cbor2
import msgpack

RECORDS = [{"id": i, "name": "item-%d" % i, "price": i * 1.5, "tags": ["a", "b"][: i % 3],
            "raw": bytes(range(i % 7))} for i in range(200)]


def main():
    packed = msgpack.packb(RECORDS, use_bin_type=True)
    back = msgpack.unpackb(packed, raw=False)
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    c = cbor2.dumps({"records": RECORDS, "when": when, "set": frozenset({1, 2})})
    cback = cbor2.loads(c)
    return "%d %d %s %d %s %s" % (len(packed), len(back), back[5]["name"], len(c), cback["when"].isoformat(),
                                  sorted(cback["set"]))
