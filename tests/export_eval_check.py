#!/usr/bin/python3
"""export_eval_check.py - reads the evaluation sheets of a tanbook Excel export back with openpyxl:
零碳机关评价, 成熟度评价 and 佐证材料清单 (or their English names), after the carbon-neutrality ones.

usage: export_eval_check.py [options] OUT.xlsx
  --names A,B,C       the sheets after 碳抵消与碳中和 (and 碳中和声明, when there) are exactly these
  --row SHEET|V1|V2…  some row of SHEET begins with these cells ("" = empty, "*" = anything,
                      numbers within 1e-6, as export_check.py's --row)
  --blank SHEET|V1|…|N  the row found as --row has an empty cell in column N (1-based)
  --formula SHEET|V1|…|N|F  … and a formula F (its text, "=" included) with a cached value in column N
  --text SHEET|TEXT   some cell of SHEET holds TEXT (a part of its text)
  --no-text SHEET|TEXT  no cell of SHEET holds TEXT
  --same OTHER.xlsx   every sheet of OTHER (an export without the evaluations) is in this file, in
                      the same place, with byte-identical XML

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

NEUTRAL_LAST = ("碳抵消与碳中和", "Offsets and neutrality", "碳中和声明", "Neutrality statement")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("--names", required=True)
    for opt in ("--row", "--blank", "--formula", "--text", "--no-text"):
        ap.add_argument(opt, action="append", default=[])
    ap.add_argument("--same")
    a = ap.parse_args()

    c = export_check.Checker(a.xlsx, {}, None)
    names = a.names.split(",")
    sheets = c.wf.sheetnames
    last = [i for i, n in enumerate(sheets) if n in NEUTRAL_LAST]
    after = sheets[last[-1] + 1:] if last else sheets
    if after != names:
        c.fail("sheets after the carbon-neutrality ones %s, expected %s" % (after, names))
    else:
        find = xlsx_find.find_row
        xlsx_find.check_rows(c, a.row)
        for spec in a.blank:
            parts = spec.split("|")
            row = find(c.wv[parts[0]], parts[1:-1])
            if row is None:
                c.fail("%s: no row beginning %r" % (parts[0], parts[1:-1]))
            elif row[int(parts[-1]) - 1].value not in (None, ""):
                c.fail("%s!%s: %r, expected an empty cell" % (parts[0], row[int(parts[-1]) - 1].coordinate,
                                                               row[int(parts[-1]) - 1].value))
        for spec in a.formula:
            parts = spec.split("|")
            row = find(c.wv[parts[0]], parts[1:-2])
            if row is None:
                c.fail("%s: no row beginning %r" % (parts[0], parts[1:-2]))
                continue
            cell = c.wf[parts[0]].cell(row=row[0].row, column=int(parts[-2]))
            if cell.data_type != "f" or cell.value != parts[-1]:
                c.fail("%s!%s: %r, expected the formula %s" % (parts[0], cell.coordinate, cell.value, parts[-1]))
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
