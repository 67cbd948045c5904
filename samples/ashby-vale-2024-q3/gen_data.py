#!/usr/bin/env python3
"""Writes data.csv for the fictional Ashby Vale sample: monthly raw counts,
April 2023 to December 2024, each quarter's figure chosen so that the
ratings of 2024/25 Q3 cover every case (see README.md). Deterministic:
`python3 gen_data.py > data.csv`."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from lcg import months  # noqa: E402

# Quarter values, 2023/24 Q1 .. 2024/25 Q3 (seven quarters).
PERCENT = {  # ref: (quarter percentages, monthly denominator)
    "AV1": ([86, 84, 88, 87, 83, 86, 87], 100),
    "AV2": ([89, 90, 87, 88, 84, 85, 84], 150),
    "AV5": ([51, 52, 49, 48, 50, 48, 45], 4000),
    "AV9": ([96, 97, 94, 95, 96, 95, 91], 100),
    "AV10": ([93, 89, 88, 93, 92, 93, 89], 9000),
    "AV11": ([91, 92, 92, 93, 91, 90, 89], 1000),
}
AVERAGE_DAYS = [19, 18, 21, 20, 19, 19.5, 21.5]  # AV3, 200 claims a month
MISSED_PER_MONTH = [28, 29, 36, 38, 40, 33, 34]  # AV6, of 50,000 collections
AFFORDABLE = [10, 10, 10, 15, 15, 15, 15, 15, 15, 25, 25, 25,  # AV4, per month
              12, 12, 14, 20, 20, 20, 18, 18, 18]
REPAIRS = [6] * 12 + [7] * 9  # AV7, per month
REGISTER = [1510 + 4 * i for i in range(21)]  # AV8, at each month end


def main():
    print("ref,period,numerator,denominator,flag")
    for i, p in months(2023, 4, 21):
        q = i // 3
        for ref, (values, den) in PERCENT.items():
            flag = "provisional" if ref == "AV9" and p == "2024-12" else ""
            print("%s,%s,%d,%d,%s" % (ref, p, values[q] * den // 100, den, flag))
        print("AV3,%s,%d,200," % (p, int(AVERAGE_DAYS[q] * 200)))
        print("AV6,%s,%d,50000," % (p, MISSED_PER_MONTH[q]))
        print("AV4,%s,%d,," % (p, AFFORDABLE[i]))
        print("AV7,%s,%d,," % (p, REPAIRS[i]))
        print("AV8,%s,%d,," % (p, REGISTER[i]))


main()
