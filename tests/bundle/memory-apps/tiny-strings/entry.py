"""A tiny handler with no imports: string methods, f-strings, slicing."""


def main():
    words = "the quick brown fox jumps over the lazy dog".split()
    caps = " ".join(w.capitalize() for w in words)
    counts = {c: caps.lower().count(c) for c in "aeiou"}
    return f"{caps[:19]}|{caps[::-1][:9]}|{counts}|{'-'.join(sorted(set(words)))[:20]}"
