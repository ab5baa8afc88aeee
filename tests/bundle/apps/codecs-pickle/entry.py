"""Codecs looked up by name (idna, punycode, unicode_escape, rot13, hex via
bytes.decode) and a pickle round trip: imports no static analyser sees."""
import codecs
import pickle


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


def main():
    host = "b\u00fccher.example"
    out = [
        host.encode("idna").decode("ascii"),
        "m\u00fcnchen".encode("punycode").decode("ascii"),
        "tab\there\u00e9".encode("unicode_escape").decode("ascii"),
        b"caf\\xe9\\n".decode("unicode_escape").encode("latin-1").hex(),
        codecs.encode("hello", "rot13"),
        codecs.lookup("latin_1").name,
        "\u20ac".encode("cp1252").hex(),
    ]
    data = {"p": Point(1, 2), "t": (1, 2.0, "x"), "s": {3, 4}, "b": bytearray(b"ab")}
    blob = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(blob)
    out.append(str(back["p"] == Point(1, 2) and back["s"] == {3, 4}))
    return " ".join(out)
