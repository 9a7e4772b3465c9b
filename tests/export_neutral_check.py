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
import math
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_check  # noqa: E402
import export_perf_check  # noqa: E402

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
        find = export_perf_check.find_row
        for spec in a.row:
            parts = spec.split("|")
            if find(c.wv[parts[0]], parts[1:]) is None:
                c.fail("%s: no row beginning %r" % (parts[0], parts[1:]))
        for spec in a.formula:
            parts = spec.split("|")
            row = find(c.wv[parts[0]], parts[1:-1])
            if row is None:
                c.fail("%s: no row beginning %r" % (parts[0], parts[1:-1]))
                continue
            cell = c.wf[parts[0]].cell(row=row[0].row, column=int(parts[-1]))
            if cell.data_type != "f":
                c.fail("%s!%s: %r is not a formula" % (parts[0], cell.coordinate, cell.value))
        for spec, want in [(s, True) for s in a.text] + [(s, False) for s in a.no_text]:
            sheet, text = spec.split("|", 1)
            got = any(isinstance(v, str) and text in v for v in export_perf_check.cells(c.wv[sheet]))
            if got != want:
                c.fail("%s: %s %r" % (sheet, "no cell holds" if want else "a cell holds", text))
        for n in names:
            for v in export_perf_check.cells(c.wv[n]):
                if isinstance(v, float) and not math.isfinite(v) or isinstance(v, str) \
                        and v.strip().lower() in ("inf", "-inf", "nan", "#num!"):
                    c.fail("%s: a cell holds %r" % (n, v))
        if a.same:
            same(c, a.xlsx, a.same)
        for n in sheets:
            if n not in names:
                c.wf.remove(c.wf[n])
        c.everywhere()
    for e in c.errors:
        print(e)
    if c.errors:
        print("%s: %d differences" % (a.xlsx, len(c.errors)))
        sys.exit(1)
    print("%s: ok" % a.xlsx)


def same(c, path, other):
    """The sheets of other are the first sheets of path, part for part."""
    import openpyxl
    theirs = openpyxl.load_workbook(other).sheetnames
    if c.wf.sheetnames[:len(theirs)] != theirs:
        c.fail("the first sheets %s, expected %s" % (c.wf.sheetnames[:len(theirs)], theirs))
        return
    with zipfile.ZipFile(path) as za, zipfile.ZipFile(other) as zb:
        for i in range(1, len(theirs) + 1):
            part = "xl/worksheets/sheet%d.xml" % i
            if za.read(part) != zb.read(part):
                c.fail("%s (%s) differs from the export without the judgement" % (part, theirs[i - 1]))


if __name__ == "__main__":
    main()
