"""Data classes with attrs (validators, converters, frozen), wrapt decorators, frozenlist."""
import attr
import wrapt
from frozenlist import FrozenList

CALLS = []


@wrapt.decorator
def traced(wrapped, instance, args, kwargs):
    CALLS.append(wrapped.__name__)
    return wrapped(*args, **kwargs)


@attr.s(frozen=True, slots=True)
class Item:
    name = attr.ib(validator=attr.validators.instance_of(str))
    qty = attr.ib(converter=int, validator=attr.validators.ge(0))
    tags = attr.ib(factory=tuple, converter=tuple)

    @traced
    def total(self, price):
        return self.qty * price


def main():
    items = [Item("tea", "3", ["x"]), Item("cocoa", 1)]
    fl = FrozenList(i.name for i in items)
    fl.freeze()
    try:
        Item("bad", -1)
    except ValueError as e:
        err = type(e).__name__
    return "%s %s %s %s %s" % ([i.total(2.5) for i in items], attr.asdict(items[0]), list(fl), err, CALLS)
