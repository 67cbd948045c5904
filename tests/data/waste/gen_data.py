#!/usr/bin/env python3
"""Writes data.csv for the FICTIONAL Eastmoor District Council test spec.

21 months (April 2023 to December 2024) of raw monthly figures for every
measure in catalogue.xml, with an England comparator for the recycling
rate close to Eastmoor's own (so that value labels of the two lines
crowd each other). Deterministic: a fixed-seed LCG, no `random`.
Run: python3 gen_data.py > data.csv
"""

MASK = (1 << 64) - 1


class Lcg:
    def __init__(self, seed):
        self.state = seed & MASK

    def between(self, lo, hi):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return lo + (self.state >> 33) % (hi - lo + 1)


def main():
    r = Lcg(20250211)
    out = ["ref,period,series,numerator,denominator,value,text,flag,note"]
    for i in range(21):
        y, m = divmod(2023 * 12 + 3 + i, 12)
        p = "%04d-%02d" % (y, m + 1)
        sched = r.between(118000, 126000)
        out.append("WST-MISS,%s,,%d,%d,,,," % (p, sched * r.between(40, 75) // 100000, sched))
        g = r.between(9000, 12000)
        out.append("WST-GRN,%s,,%d,%d,,,," % (p, g * r.between(960, 995) // 1000, g))
        t = r.between(3800, 4400)
        own = r.between(470, 540)
        out.append("REC-RATE,%s,,%d,%d,,,," % (p, t * own // 1000, t))
        out.append("REC-RATE,%s,England,%d,%d,,,," % (p, 1000 * (own + r.between(-8, 8)) // 1000, 1000))
        loads = r.between(300, 360)
        out.append("REC-CONT,%s,,%d,%d,,,," % (p, loads * r.between(150, 300) // 1000, loads))
        out.append("CLN-LIT,%s,,%d,%d,,,," % (p, r.between(10, 40), 400))
        f = r.between(180, 260)
        out.append("CLN-FLY,%s,,%d,%d,,,," % (p, f * r.between(780, 950) // 1000, f))
        out.append("ENF-FPN,%s,,%d,,,,," % (p, r.between(20, 90)))
    print("\n".join(out))


main()
