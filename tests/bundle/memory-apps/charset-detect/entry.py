"""Encoding detection: charset-normalizer guesses the encodings of byte strings in several languages."""
from charset_normalizer import from_bytes

SAMPLES = [
    "Le caf\u00e9 est tr\u00e8s chaud, n'est-ce pas ? \u00c0 bient\u00f4t, ch\u00e8re amie.".encode("cp1252"),
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? \u042d\u0442\u043e \u0442\u0435\u0441\u0442 \u043a\u043e\u0434\u0438\u0440\u043e\u0432\u043a\u0438.".encode("koi8-r"),
    "Gr\u00fc\u00dfe aus M\u00fcnchen, sch\u00f6nes Wetter heute!".encode("utf-8"),
    "\u3053\u3093\u306b\u3061\u306f\u3001\u4e16\u754c\u3002\u3053\u308c\u306f\u30c6\u30b9\u30c8\u3067\u3059\u3002".encode("shift_jis"),
]


def main():
    out = []
    for b in SAMPLES:
        best = from_bytes(b).best()
        out.append("%s:%s" % (best.encoding if best else None, str(best)[:12] if best else ""))
    return " | ".join(out)
