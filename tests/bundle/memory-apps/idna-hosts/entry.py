"""Internationalised host names: IDNA 2008 with UTS 46 mapping (its large data tables) both ways."""
import idna

HOSTS = ["B\u00fccher.example", "\u4f8b\u3048.\u30c6\u30b9\u30c8", "\u0645\u062b\u0627\u0644.\u0625\u062e\u062a\u0628\u0627\u0631",
         "Stra\u00dfe.de", "\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.gr"]


def main():
    out = []
    for h in HOSTS:
        a = idna.encode(h, uts46=True, transitional=False)
        out.append("%s=%s" % (a.decode(), idna.decode(a)))
    try:
        idna.encode("a..b")
    except idna.IDNAError as e:
        out.append(type(e).__name__)
    return " ".join(out)
