#!/usr/bin/env python3
"""Writes units.xml and data.csv for samples/tiers (a FICTIONAL authority).

Deterministic: a fixed linear congruential generator, no library random,
so the same script always writes the same bytes. Run from this folder:
    python3 gen_data.py
Every worker has a row for every measure and month (the engine sums a
parent's figure only from children that all have the month); teams,
services and the board have no rows of their own, so their figures are
summed from their workers'. The median (CS7) is published for the board
only: it cannot be summed, so a team report could not show it.
"""

SEED = 20240331
state = SEED


def rnd():
    """A float in [0, 1) from a 31-bit LCG (glibc's constants)."""
    global state
    state = (1103515245 * state + 12345) % (1 << 31)
    return state / float(1 << 31)


def between(lo, hi):
    return lo + int(rnd() * (hi - lo + 1))


BOARD = ("CSB", "Children's Services Improvement Board")
SERVICES = [
    ("CSC", "Children's Social Care", [
        ("ASSESS", "Assessment Team", 0.90),
        ("CIN", "Children in Need Team", 0.84),
        ("CIC", "Children in Care Team", 0.88),
    ]),
    ("EHS", "Early Help Service", [
        ("EH-NORTH", "Early Help North", 0.93),
        ("EH-SOUTH", "Early Help South", 0.79),
        ("FAM", "Family Support Team", 0.86),
    ]),
]
NAMES = [
    "Amina Begum", "Ben Clarke", "Chloe Davies", "Daniel Evans", "Erin Foster",
    "Farah Hussain", "George Hill", "Hannah Iqbal", "Isaac Jones", "Jasmine Khan",
    "Kieran Lewis", "Leah Morgan", "Mohammed Nawaz", "Nia Owen", "Oliver Price",
    "Priya Patel", "Quentin Reid", "Rosa Singh", "Samuel Taylor", "Tara Upton",
    "Usman Ali", "Vicky Walsh", "William Young", "Yasmin Zaman", "Zoe Adams",
    "Aaron Brooks", "Bethan Cole", "Callum Dean", "Dana Ellis", "Ethan Ford",
]
MONTHS = [(2022 + (3 + i) // 12, (3 + i) % 12 + 1) for i in range(24)]  # 2022-04 .. 2024-03
NEIGHBOURS = ["Dudley", "Sandwell", "Wolverhampton", "Rotherham", "Doncaster",
              "Barnsley", "Wakefield", "Stoke-on-Trent", "Telford and Wrekin", "Tameside"]


def units_xml(workers):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!-- Written by gen_data.py: the FICTIONAL authority\'s children\'s services, board to worker. -->',
           '<units>',
           '  <unit id="%s" name="%s" level="board"/>' % (BOARD[0], BOARD[1])]
    for sid, sname, teams in SERVICES:
        out.append('  <unit id="%s" name="%s" level="service" parent="%s"/>' % (sid, sname, BOARD[0]))
        for tid, tname, _ in teams:
            out.append('  <unit id="%s" name="%s" level="team" parent="%s"/>' % (tid, tname, sid))
    for wid, wname, tid in workers:
        out.append('  <unit id="%s" name="%s" level="worker" parent="%s"/>' % (wid, wname, tid))
    out.append('</units>')
    return "\n".join(out) + "\n"


def main():
    workers = []
    n = 0
    for _, _, teams in SERVICES:
        for tid, _, quality in teams:
            for _ in range(5):
                workers.append(("W%02d" % (n + 1), NAMES[n], tid, quality + (rnd() - 0.5) * 0.12))
                n += 1
    rows = ["ref,period,unit,series,group,numerator,denominator,value,flag"]
    for wid, _, tid, q in workers:
        caseload = between(12, 22)
        for y, m in MONTHS:
            p = "%04d-%02d" % (y, m)
            flag = ""
            # CS1 assessments in 45 working days
            den = between(2, 7)
            num = min(den, max(0, int(den * min(1.0, q + (rnd() - 0.5) * 0.25) + 0.5)))
            rows.append("CS1,%s,%s,,,%d,%d,,%s" % (p, wid, num, den, flag))
            # CS2 statutory visits within timescale
            den = between(6, 14)
            num = min(den, int(den * min(1.0, q + 0.05 + (rnd() - 0.5) * 0.2) + 0.5))
            rows.append("CS2,%s,%s,,,%d,%d,,%s" % (p, wid, num, den, flag))
            # CS3 supervision up to date (of open cases)
            caseload = max(8, min(26, caseload + between(-2, 2)))
            num = caseload - (1 if rnd() < 0.35 else 0) - (1 if rnd() < 1.0 - q else 0)
            rows.append("CS3,%s,%s,,,%d,%d,,%s" % (p, wid, num, caseload, flag))
            # CS4 open cases (a stock at the month end); CS5 average caseload (cases / workers)
            rows.append("CS4,%s,%s,,,%d,,,%s" % (p, wid, caseload, flag))
            rows.append("CS5,%s,%s,,,%d,1,,%s" % (p, wid, caseload, flag))
            # CS6 re-referrals within 12 months (of referrals)
            den = between(3, 9)
            num = int(den * (0.12 + (1.0 - q) * 0.6 + (rnd() - 0.5) * 0.1) + 0.5)
            rows.append("CS6,%s,%s,,,%d,%d,,%s" % (p, wid, max(0, min(den, num)), den, flag))
    # comparators for the board: England and ten statistical neighbours (published values)
    for y, m in MONTHS:
        p = "%04d-%02d" % (y, m)
        rows.append("CS1,%s,,England,,,,%.1f," % (p, 82.0 + rnd() * 3))
        rows.append("CS6,%s,,England,,,,%.1f," % (p, 21.0 + rnd() * 2))
        for i, la in enumerate(NEIGHBOURS):
            rows.append("CS1,%s,,%s,Statistical neighbours,,,%.1f," % (p, la, 74.0 + i * 1.6 + rnd() * 4))
            rows.append("CS6,%s,,%s,Statistical neighbours,,,%.1f," % (p, la, 16.0 + i * 0.9 + rnd() * 3))
        # the median can only be published for the board as a whole
        rows.append("CS7,%s,,,,,,%d," % (p, between(6, 14)))
    with open("units.xml", "w", encoding="utf-8") as f:
        f.write(units_xml([(w, nm, t) for w, nm, t, _ in workers]))
    with open("data.csv", "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
