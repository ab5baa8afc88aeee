"""Host names through the stdlib's IDNA 2003 codec: encodings.idna and stringprep's tables."""


HOSTS = ["B\u00fccher.example", "\u4f8b\u3048.\u30c6\u30b9\u30c8", "Stra\u00dfe.de",
         "\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.gr"]


def main():
    out = []
    for h in HOSTS:
        a = h.encode("idna")
        out.append("%s=%s" % (a.decode("ascii"), a.decode("idna")))
    return " ".join(out)
