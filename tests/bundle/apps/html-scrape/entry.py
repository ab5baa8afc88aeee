"""HTML parsing: Beautiful Soup over the stdlib html.parser, with soupsieve CSS selectors."""
from bs4 import BeautifulSoup

DOC = """<!doctype html><html><head><title>Shop &amp; co</title></head><body>
<div id="main"><h1 class="t">Offers</h1>
<ul class="offers"><li data-p="3">tea <b>green</b></li><li data-p="12">coffee</li>
<li class="sold" data-p="7">cocoa</li></ul>
<a href="/a?x=1&amp;y=2">next</a><a href="https://example.org/">out</a></div></body></html>"""


def main():
    soup = BeautifulSoup(DOC, "html.parser")
    rows = []
    for li in soup.select("ul.offers > li:not(.sold)"):
        rows.append("%s=%s" % (li.get_text(" ", strip=True), li["data-p"]))
    links = [a["href"] for a in soup.select("a[href^='/']")]
    return "%s | %s | %s | %s" % (soup.title.string, soup.h1.get_text(), ";".join(rows), links)
