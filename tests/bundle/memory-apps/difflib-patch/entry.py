"""Text diffs: a unified diff of two versions and the close matches of a word."""
import difflib

OLD = ["line %d: %s\n" % (i, "alpha beta gamma"[i % 10:]) for i in range(40)]
NEW = [l.replace("beta", "BETA") if i % 7 == 0 else l for i, l in enumerate(OLD)] + ["added\n"]


def main():
    diff = list(difflib.unified_diff(OLD, NEW, "a.txt", "b.txt", n=1))
    ratio = difflib.SequenceMatcher(None, "".join(OLD), "".join(NEW)).quick_ratio()
    close = difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"])
    return "%d diff lines, ratio %.3f, %s" % (len(diff), ratio, close)
