"""Dates: a month calendar, business days between dates, ISO weeks."""
import calendar
import datetime


def main():
    cal = calendar.TextCalendar(calendar.MONDAY).formatmonth(2024, 2)
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)
    days = (end - start).days + 1
    business = sum(1 for i in range(days) if (start + datetime.timedelta(i)).weekday() < 5)
    weeks = sorted({(start + datetime.timedelta(i)).isocalendar()[1] for i in range(0, days, 7)})
    return "%d lines, %d business days, weeks %s, leap %s" % (cal.count("\n"), business, weeks[:5],
                                                              calendar.isleap(2024))
