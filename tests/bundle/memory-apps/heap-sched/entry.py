"""A small scheduler: jobs in a heap, deadlines found by bisect, batches by itertools."""
import bisect
import heapq
import itertools


def main():
    jobs = [(p * 37 % 11, "job%02d" % p) for p in range(40)]
    heapq.heapify(jobs)
    order = [heapq.heappop(jobs)[1] for _ in range(10)]
    deadlines = sorted(i * 15 for i in range(20))
    slots = [bisect.bisect_left(deadlines, t) for t in (7, 30, 299, 301)]
    batches = [list(b) for _, b in itertools.groupby(sorted(range(30), key=lambda x: x % 4), key=lambda x: x % 4)]
    pairs = list(itertools.islice(itertools.combinations("abcdef", 2), 5))
    return "%s %s %s %s" % (order, slots, [sum(b) for b in batches], pairs)
