"""YAML + dates: parse a YAML schedule (PyYAML's pure loader), compute dates with dateutil."""
import yaml
from dateutil import parser, relativedelta, rrule

DOC = """
events:
  - name: standup
    start: 2024-01-29 09:30
    every: weekly
    count: 3
  - name: review
    start: "Feb 5 2024 14:00"
    every: monthly
    count: 2
meta: {owner: ops, tags: [a, b]}
"""


def main():
    data = yaml.safe_load(DOC)
    out = []
    for ev in data["events"]:
        start = ev["start"]
        if isinstance(start, str):
            start = parser.parse(start)
        freq = {"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY}[ev["every"]]
        dates = list(rrule.rrule(freq, dtstart=start, count=ev["count"]))
        last = dates[-1] + relativedelta.relativedelta(months=+1, day=31)
        out.append({"name": ev["name"], "dates": [d.isoformat() for d in dates],
                    "month_end_after": last.date().isoformat()})
    return yaml.safe_dump({"schedule": out, "meta": data["meta"]}, sort_keys=True)
