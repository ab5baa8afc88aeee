"""A tiny handler with no imports: records sorted and grouped with builtins alone."""

PEOPLE = [("ana", 31, "lisbon"), ("bo", 25, "oslo"), ("cy", 31, "oslo"), ("di", 44, "lisbon"), ("ed", 25, "rome")]


def main():
    by_age = sorted(PEOPLE, key=lambda p: (p[1], p[0]))
    cities = {}
    for name, age, city in PEOPLE:
        cities.setdefault(city, []).append(name)
    oldest = max(PEOPLE, key=lambda p: p[1])[0]
    return "%s %s %s %d" % ([p[0] for p in by_age], sorted(cities.items()), oldest, sum(p[1] for p in PEOPLE))
