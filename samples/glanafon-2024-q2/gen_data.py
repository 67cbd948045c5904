#!/usr/bin/env python3
"""Writes data.csv for the FICTIONAL Glanafon County Council sample.

30 months (April 2022 to September 2024) of raw monthly figures for every
measure in catalogue.xml, yearly populations, Wales comparators published
once a year, and data-quality flags. Deterministic: the fixed-seed LCG of
../lcg.py, so the output is byte-identical on every Python 3. Run: python3 gen_data.py > data.csv
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lcg import Lcg, months  # noqa: E402


def main():
    r = Lcg(20241112)
    out = ["ref,period,series,numerator,denominator,value,text,flag,note"]
    # populations: households and residents aged 65+, one figure a year
    for fy, hh, pop in (("2022/23", 41200, 30850), ("2023/24", 41650, 31400), ("2024/25", 42010, 31920)):
        out.append("GH-HH,%s,,%d,,,,," % (fy, hh))
        out.append("GA-POP65,%s,,%d,,,,," % (fy, pop))
    for i, p in months(2022, 4, 30):
        last = i == 29
        # households in temporary accommodation at the month end: rising then easing
        ta = 118 + i * 3 - (i - 20) * 4 * (i > 20) + r.between(-4, 4)
        out.append("GH-TA,%s,,%d,,,,," % (p, ta))
        # homelessness presentations in the month
        out.append("GH-PRES,%s,,%d,,,,," % (p, r.between(88, 131)))
        # prevented within 56 days, of those who were threatened
        threatened = r.between(52, 78)
        prevented = threatened * r.between(52, 71) // 100
        out.append("GH-PREV,%s,,%d,%d,,,," % (p, prevented, threatened))
        # empty homes re-let: days in total, homes
        homes = r.between(18, 31)
        days = homes * r.between(24, 38)
        flag = "revised" if p == "2024-08" else ""
        out.append("GH-RELET,%s,,%d,%d,,,%s," % (p, days, homes, flag))
        # permanent admissions to care homes, 65+
        out.append("GA-ADM,%s,,%d,,,,," % (p, r.between(14, 27)))
        # reablement: at home 91 days after discharge, of those discharged
        discharged = r.between(9, 16) if i % 7 != 3 else 4
        home = min(discharged, discharged * r.between(74, 92) // 100)
        flag = "provisional" if last else ""
        out.append("GA-REAB,%s,,%d,%d,,,%s," % (p, home, discharged, flag))
        # delayed transfers of care at the month end: small numbers
        flag = "definition changed" if p == "2024-04" else ("provisional" if last else "")
        out.append("GA-DTOC,%s,,%d,,,,%s," % (p, r.between(3, 12), flag))
        # safeguarding enquiries completed within 7 working days
        enquiries = r.between(40, 66)
        out.append("GA-SAFE,%s,,%d,%d,,,," % (p, enquiries * r.between(78, 96) // 100, enquiries))
    # Wales, published once a year
    for fy, prev, adm in (("2022/23", "64.1", "521.0"), ("2023/24", "66.3", "508.4")):
        out.append("GH-PREV,%s,Wales,,,%s,,," % (fy, prev))
        out.append("GA-ADM,%s,Wales,,,%s,,," % (fy, adm))
    print("\n".join(out))


main()
