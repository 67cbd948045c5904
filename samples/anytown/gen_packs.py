#!/usr/bin/env python3
"""Write the twelve Anytown board packs, pack-2013-04.xml .. pack-2014-03.xml:
one meeting a month of the Children's Services Scrutiny Panel, on the third
Tuesday of the month after the data month it reviews. Each pack is short
(its meeting, apologies, declarations, minutes, two reports); the reports
are shared and follow the pack's period. Deterministic; the output is
committed. Run from this folder: python3 gen_packs.py"""
import calendar
import datetime

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Anytown Borough Council is FICTIONAL. Made by gen_packs.py. -->
<pack lang="en-GB" version="1" period="{period}">
  <meeting>
    <body>Children's Services Scrutiny Panel</body>
    <date>{date}</date>
    <time>6.30 pm</time>
    <venue>Committee Room 2, Anytown Civic Centre</venue>
    <chair>Councillor Pat Imaginary</chair>
  </meeting>
  <agenda>
    <apologies>To receive apologies for absence from members of the panel.</apologies>
    <declarations>To receive declarations of interest from members in respect of items on this agenda.</declarations>
    <minutes>To approve as a correct record the minutes of the meeting held on {previous}.</minutes>
    <report spec="performance.xml" officer="Alex Example, Director of Children's Services"/>
    <report spec="workforce.xml"/>
    <item title="Date of next meeting">{next}.</item>
  </agenda>
</pack>
"""


def third_tuesday(year, month):
    first = datetime.date(year, month, 1)
    offset = (calendar.TUESDAY - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 14)


def month_after(year, month, n=1):
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def long_date(d):
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


for i in range(12):
    year, month = month_after(2013, 4, i)
    meeting = third_tuesday(*month_after(year, month))
    previous = third_tuesday(*month_after(year, month, 0))
    following = third_tuesday(*month_after(year, month, 2))
    with open(f"pack-{year}-{month:02d}.xml", "w") as out:
        out.write(TEMPLATE.format(period=f"{year}-{month:02d}", date=meeting.isoformat(),
                                  previous=long_date(previous), next=long_date(following)))
