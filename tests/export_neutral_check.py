#!/usr/bin/python3
"""export_neutral_check.py - reads the carbon-neutrality sheets of a tanbook Excel export back with
openpyxl: 可再生能源与绿电, 碳抵消与碳中和 and, when neutrality is achieved, 碳中和声明 (or their English
names), after 碳基准与目标.

usage: export_neutral_check.py [options] OUT.xlsx
  --names A,B[,C]     the sheets after the carbon performance ones are exactly these, in order
                      (the evaluation sheets after them left aside: export_eval_check.py's)
  --row SHEET|V1|V2…  some row of SHEET begins with these cells ("" = empty, "*" = anything,
                      numbers within 1e-6, as export_check.py's --row)
  --text SHEET|TEXT   some cell of SHEET holds TEXT (a part of its text)
  --no-text SHEET|TEXT  no cell of SHEET holds TEXT
  --formula SHEET|V1|…|N  the row found as --row has a formula with a cached value in column N (1-based)
  --same OTHER.xlsx   every sheet of OTHER (an export without the judgement) is in this file, in the
                      same place, with byte-identical XML: the new sheets change nothing before them

Checks besides: no number of the new sheets is inf or NaN, and they pass export_check.py's checks of
every sheet (the CJK font, numbers as numbers, text fitting its column, A4 print setup, repeated
title rows, a page number). Prints one line per difference; exits 1 when there is any.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_check  # noqa: E402
import xlsx_find  # noqa: E402

PERF_LAST = ("碳基准与目标", "Base and targets")
# The evaluation sheets after them (export_eval_check.py reads them): not this checker's
EVAL_SHEETS = ("零碳机关评价", "成熟度评价", "佐证材料清单", "Zero-carbon office", "Maturity", "Evidence")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("--names", required=True)
    ap.add_argument("--row", action="append", default=[])
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--no-text", action="append", default=[])
    ap.add_argument("--formula", action="append", default=[])
    ap.add_argument("--same")
    a = ap.parse_args()

    c = export_check.Checker(a.xlsx, {}, None)
    names = a.names.split(",")
    sheets = c.wf.sheetnames
    last = [i for i, n in enumerate(sheets) if n in PERF_LAST]
    after = [n for n in (sheets[last[0] + 1:] if last else sheets) if n not in EVAL_SHEETS]
    if after != names:
        c.fail("sheets after the carbon performance ones %s, expected %s" % (after, names))
    else:
        xlsx_find.check_rows(c, a.row)
        xlsx_find.check_formulas(c, a.formula)
        xlsx_find.check_texts(c, a.text, a.no_text)
        xlsx_find.check_finite(c, names)
        if a.same:
            xlsx_find.same(c, a.xlsx, a.same)
        for n in sheets:
            if n not in names:
                c.wf.remove(c.wf[n])
        c.everywhere()
    xlsx_find.report(c, a.xlsx)


if __name__ == "__main__":
    main()
