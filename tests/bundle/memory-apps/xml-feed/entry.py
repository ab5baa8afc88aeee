"""Feeds: parse an RSS document with ElementTree, sort items by date, write Atom with minidom."""
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from xml.dom import minidom

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>B &amp; C</title><link>https://e.org/b</link><pubDate>Tue, 30 Jan 2024 10:00:00 GMT</pubDate></item>
<item><title>A</title><link>https://e.org/a</link><pubDate>Mon, 29 Jan 2024 09:00:00 GMT</pubDate></item>
<item><title>D</title><link>https://e.org/d</link><pubDate>Thu, 01 Feb 2024 08:00:00 GMT</pubDate></item>
</channel></rss>"""


def main():
    root = ET.fromstring(RSS)
    items = sorted(((parsedate_to_datetime(i.findtext("pubDate")), i.findtext("title"), i.findtext("link"))
                    for i in root.iter("item")), reverse=True)
    doc = minidom.Document()
    feed = doc.createElementNS("http://www.w3.org/2005/Atom", "feed")
    doc.appendChild(feed)
    for when, title, link in items:
        e = doc.createElement("entry")
        for tag, text in (("title", title), ("id", link), ("updated", when.isoformat())):
            t = doc.createElement(tag)
            t.appendChild(doc.createTextNode(text))
            e.appendChild(t)
        feed.appendChild(e)
    return doc.toprettyxml(indent=" ")[:400] + str(datetime(2024, 1, 1).year)
