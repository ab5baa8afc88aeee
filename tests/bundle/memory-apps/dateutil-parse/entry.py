"""Dates with python-dateutil: free-form parsing, relative deltas, recurrence rules."""
import datetime

from dateutil import parser, relativedelta, rrule


def main():
    d = parser.parse("Tue, 5 Mar 2024 14:30:00 +0100")
    e = parser.isoparse("2024-12-24T18:00:00Z")
    nxt = d + relativedelta.relativedelta(months=+1, weekday=relativedelta.FR(-1))
    rule = rrule.rrule(rrule.WEEKLY, dtstart=datetime.datetime(2024, 1, 1), count=5, byweekday=(rrule.MO, rrule.TH))
    return "%s %s %s %s" % (d.isoformat(), e.isoformat(), nxt.date(), [x.day for x in rule])
