"""What the samples' gen_data.py scripts share: a deterministic generator and
the months of a run.

A fixed-seed 64-bit LCG (Knuth's MMIX constants) written out here, so the
data is byte-identical on every Python 3 version; the `random` module is
deliberately not used. Import from a sample's folder with
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
"""

MASK = (1 << 64) - 1


class Lcg:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return self.state >> 33

    def between(self, lo, hi):
        """Integer in [lo, hi]."""
        return lo + self.next() % (hi - lo + 1)


def months(year, month, n):
    """(i, "YYYY-MM") for the n months from year-month on."""
    for i in range(n):
        y, m = divmod(year * 12 + month - 1 + i, 12)
        yield i, "%04d-%02d" % (y, m + 1)
