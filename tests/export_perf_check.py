#!/usr/bin/python3
"""export_perf_check.py - reads the carbon performance sheets of a tanbook Excel export back with
openpyxl: 碳绩效参数 and 碳基准与目标 (or their English names) after the report's sheets.

usage: export_perf_check.py [options] OUT.xlsx
  --row SHEET|V1|V2…  some row of SHEET begins with these cells ("" = empty, "*" = anything,
                      numbers within 1e-6, as export_check.py's --row)
  --text SHEET|TEXT   some cell of SHEET holds TEXT (a part of its text)
  --no-text SHEET|TEXT  no cell of SHEET holds TEXT
  --formula SHEET|V1|…|N  the row found as --row has a formula with a cached value in column N (1-based)
  --charts N:S        the perf sheet has N line charts of S series each, reading its own cells
  --names A,B         the carbon performance sheets are called A and B, one after the other (the
                      carbon-neutrality sheets may follow: export_neutral_check.py reads them)

Checks besides: no cell of the two sheets is 0 where "—" would say nothing is there (none holds
the text "0"), and both pass export_check.py's checks of every sheet (the CJK font,
numbers as numbers, text fitting its column, A4 print setup, repeated title rows, a page number).
Prints one line per difference; exits 1 when there is any.
"""
import argparse
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_check  # noqa: E402
import xlsx_find  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("--row", action="append", default=[])
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--no-text", action="append", default=[])
    ap.add_argument("--formula", action="append", default=[])
    ap.add_argument("--charts")
    ap.add_argument("--names", default="碳绩效参数,碳基准与目标")
    a = ap.parse_args()

    c = export_check.Checker(a.xlsx, {}, None)
    names = a.names.split(",")
    at = c.wf.sheetnames.index(names[0]) if names[0] in c.wf.sheetnames else -1
    if at < 0 or c.wf.sheetnames[at:at + 2] != names:
        c.fail("sheets %s, expected %s one after the other" % (c.wf.sheetnames, names))
    else:
        for n in names:
            if any(v == "0" for v in xlsx_find.cells(c.wv[n])):
                c.fail("%s: a cell holds the text 0" % n)
        xlsx_find.check_rows(c, a.row)
        xlsx_find.check_formulas(c, a.formula)
        xlsx_find.check_texts(c, a.text, a.no_text)
        if a.charts:
            n, s = (int(x) for x in a.charts.split(":"))
            ws = c.wf[names[0]]
            if len(ws._charts) != n:
                c.fail("%s: %d charts, expected %d" % (names[0], len(ws._charts), n))
            with zipfile.ZipFile(a.xlsx) as z:
                xml = [z.read(x).decode("utf-8") for x in z.namelist()
                       if re.match(r"xl/charts/chart\d+\.xml$", x)]
            mine = [x for x in xml if "'%s'!" % names[0] in x or "%s!" % names[0] in x]
            if len(mine) != n:
                c.fail("%d charts read %s, expected %d" % (len(mine), names[0], n))
            for i, x in enumerate(mine):
                if "<c:lineChart>" not in x:
                    c.fail("chart %d is not a line chart" % (i + 1))
                if x.count("<c:ser>") != s:
                    c.fail("chart %d: %d series, expected %d" % (i + 1, x.count("<c:ser>"), s))
        for n in c.wf.sheetnames:   # the others are export_check.py's and export_neutral_check.py's
            if n not in names:
                c.wf.remove(c.wf[n])
        c.everywhere()
    xlsx_find.report(c, a.xlsx)


if __name__ == "__main__":
    main()
