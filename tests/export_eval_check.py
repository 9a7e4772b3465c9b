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
  --people SHEET|N,R,D;N,R,D…  the cover's evaluators (评价人员 / Evaluators in column A, merged down
                      over its table) are exactly these: under the header 姓名 | 角色（职务/职称）| 日期
                      (Name | Role (position or title) | Date) in columns D, E (merged to the last
                      column but one) and the last, one row each, in order ("" for an empty cell);
                      "SHEET|" for nobody: the label's text reads 未填写 / not entered
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


PEOPLE = {"评价人员": ("姓名", "角色（职务/职称）", "日期", "未填写"),
          "Evaluators": ("Name", "Role (position or title)", "Date", "not entered")}


def people(c, spec):
    """--people: the evaluators' table of the cover read cell by cell, its merged ranges too."""
    sheet, want = spec.split("|", 1)
    want = [tuple(p.split(",")) for p in want.split(";")] if want else []
    ws, wv = c.wf[sheet], c.wv[sheet]
    label = [r for r in range(1, ws.max_row + 1) if wv.cell(r, 1).value in PEOPLE]
    if len(label) != 1:
        c.fail("%s: %d cells label the evaluators in column A, expected 1" % (sheet, len(label)))
        return
    r0, last = label[0], ws.max_column
    words = PEOPLE[wv.cell(r0, 1).value]
    span = [m for m in ws.merged_cells.ranges if m.min_row == r0 and m.min_col == 1]
    if not want:
        if wv.cell(r0, 4).value != words[3]:
            c.fail("%s!D%d: %r, expected %r" % (sheet, r0, wv.cell(r0, 4).value, words[3]))
        return
    if len(span) != 1 or span[0].max_col != 3 or span[0].max_row != r0 + len(want):
        c.fail("%s: the label %s is merged over %s, expected A%d:C%d" % (
            sheet, words[0], [str(m) for m in span], r0, r0 + len(want)))
    for i, w in enumerate([words[:3]] + want):
        r = r0 + i
        got = (wv.cell(r, 4).value, wv.cell(r, 5).value, wv.cell(r, last).value)
        got = tuple("" if v is None else v for v in got)
        if got != tuple(w):
            c.fail("%s row %d: %r, expected %r" % (sheet, r, got, tuple(w)))
        role = [m for m in ws.merged_cells.ranges if m.min_row == r and m.min_col == 5]
        if last - 1 > 5 and (len(role) != 1 or role[0].max_col != last - 1):
            c.fail("%s!E%d: the role is merged over %s, expected E:%s" % (
                sheet, r, [str(m) for m in role], ws.cell(r, last - 1).column_letter))
    after = wv.cell(r0 + len(want) + 1, 1).value
    if after is None:       # the cover's next label (主要发现) follows the table's last row
        c.fail("%s row %d: a row more in the evaluators' table" % (sheet, r0 + len(want) + 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("--names", required=True)
    for opt in ("--row", "--blank", "--formula", "--text", "--no-text", "--people"):
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
        for spec in a.people:
            people(c, spec)
        if a.same:
            xlsx_find.same(c, a.xlsx, a.same)
        for n in sheets:
            if n not in names:
                c.wf.remove(c.wf[n])
        c.everywhere()
    xlsx_find.report(c, a.xlsx)


if __name__ == "__main__":
    main()
