"""URL handling with the stdlib: parse, split the query, rebuild it, escape HTML."""
import html
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit, urlunsplit


def main():
    u = urlsplit("https://example.org:8443/a/b/../c?x=1&y=two&y=3&q=caf%C3%A9#frag")
    q = parse_qs(u.query)
    q["added"] = ["<b>&</b>"]
    rebuilt = urlunsplit((u.scheme, u.netloc, u.path, urlencode(sorted(q.items()), doseq=True), ""))
    return "%s | %s | %s | %s" % (rebuilt, urljoin(rebuilt, "../d?z=9"), quote("a b/é"), html.escape(q["added"][0]))
