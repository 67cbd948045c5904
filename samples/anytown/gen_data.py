#!/usr/bin/env python3
"""Writes data.csv for the FICTIONAL Anytown Borough Council sample.

24 months (April 2012 to March 2014) of raw monthly numerators and
denominators for every measure in catalogue.xml, plus comparator rows.
Deterministic: the fixed-seed LCG of ../lcg.py, so the output is
byte-identical on every Python 3 version. Run: python3 gen_data.py > data.csv
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lcg import Lcg, months  # noqa: E402


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def main(out):
    g = Lcg(20130910)
    rows = []
    note = "fictional"

    def raw(ref, period, num, den="", series=""):
        rows.append([ref, period, series, str(num), str(den), "", "", "", note])

    def pub(ref, period, value, series):
        rows.append([ref, period, series, "", "", value, "", "", "fictional comparator"])

    ia_pct, cpp, workers = 78, 205, 21
    for _, period in months(2012, 4, 24):
        referrals = g.between(130, 170)
        raw("AT-RA1", period, referrals)
        raw("AT-RA2", period, referrals)          # rate: population from AT-POP
        raw("AT-RA3", period, g.between(referrals * 15 // 100, referrals * 25 // 100), referrals)
        ia_done = g.between(100, 140)
        ia_pct = clamp(ia_pct + g.between(-5, 5), 70, 92)
        raw("AT-RA4", period, ia_done * ia_pct // 100, ia_done)
        cpp = clamp(cpp + g.between(-8, 8), 180, 230)
        raw("AT-CP1", period, cpp)
        raw("AT-CP2", period, g.between(40, 70))
        reviews = g.between(30, 50)
        raw("AT-CP3", period, reviews - g.between(0, 3), reviews)
        start_workers = workers
        leavers = 1 if g.between(0, 5) == 0 else 0
        workers = clamp(start_workers - leavers + (1 if g.between(0, 5) == 0 else 0), 18, 24)
        raw("AT-WF1", period, g.between(400, 480), workers)
        raw("AT-WF2", period, g.between(10, 30), workers)
        raw("AT-WF3", period, leavers, start_workers)
    raw("AT-POP", "2012/13", 48210)
    raw("AT-POP", "2013/14", 48630)
    for fy, ra2, ra3, ra4 in (("2012/13", "531.2", "24.9", "75.5"), ("2013/14", "548.3", "23.4", "77.1")):
        pub("AT-RA2", fy, ra2, "England")
        pub("AT-RA3", fy, ra3, "England")
        pub("AT-RA4", fy, ra4, "England")
    pub("AT-RA4", "2012/13", "79.0", "Statistical neighbours")
    pub("AT-RA4", "2013/14", "80.2", "Statistical neighbours")

    out.write("ref,period,series,numerator,denominator,value,text,band,note\n")
    for r in rows:
        out.write(",".join(r) + "\n")


if __name__ == "__main__":
    main(sys.stdout)
