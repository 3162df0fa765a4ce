#!/usr/bin/env python3
"""Line and branch coverage per package from JaCoCo's CSV reports (after ./suite test).

  python3 tools/coverage_summary.py [module ...]    # default: every module with a report

Use it to set or raise a module's floor (docs/CONTRIBUTING.md): floors are the figures printed here,
rounded down to the percent.
"""
import collections
import csv
import math
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
modules = sys.argv[1:] or sorted(p.parent.parent.parent.parent.name
                                 for p in root.glob("*/target/site/jacoco/jacoco.csv"))
for module in modules:
    report = root / module / "target/site/jacoco/jacoco.csv"
    if not report.exists():
        print(f"{module}: no report (run ./suite test or ./mvnw verify -pl {module})")
        continue
    totals = collections.defaultdict(lambda: [0, 0, 0, 0])
    with report.open() as f:
        for row in csv.DictReader(f):
            t = totals[row["PACKAGE"]]
            t[0] += int(row["LINE_MISSED"])
            t[1] += int(row["LINE_COVERED"])
            t[2] += int(row["BRANCH_MISSED"])
            t[3] += int(row["BRANCH_COVERED"])
    print(module)
    for package, (lm, lc, bm, bc) in sorted(totals.items()):
        line = lc / (lm + lc) if lm + lc else 1.0
        branch = bc / (bm + bc) if bm + bc else 1.0
        print(f"  {package:<48} line {line:7.2%} of {lm + lc:5} (floor {math.floor(line * 100) / 100:.2f})"
              f"   branch {branch:7.2%} of {bm + bc:5} (floor {math.floor(branch * 100) / 100:.2f})")
