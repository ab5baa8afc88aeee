"""IDNA 2008 without the UTS 46 mapping: idna's code-point tables (idnadata)."""
import idna

HOSTS = ["b\u00fccher.example", "\u4f8b\u3048.\u30c6\u30b9\u30c8", "\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.gr"]


def main():
    out = []
    for h in HOSTS:
        a = idna.encode(h)
        out.append("%s=%s" % (a.decode(), idna.decode(a)))
    try:
        idna.encode("a..b")
    except idna.IDNAError as e:
        out.append(type(e).__name__)
    return " ".join(out)
