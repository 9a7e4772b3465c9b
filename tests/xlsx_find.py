"""xlsx_find.py - what the export checkers share (export_check.py, export_perf_check.py,
export_neutral_check.py, export_eval_check.py), on an export_check.Checker: finding the cells and
rows of a sheet read back with openpyxl (a cell matching a value as typed), the checks of --row, --formula, --text and --no-text, no
number that is inf or NaN, --same (the sheets of an earlier export unchanged), and the closing
report of the differences.

The checkers run as scripts from tests/ (sys.path[0] is then this folder, so `import xlsx_find`
finds it from wherever they are invoked); nothing here is a script of its own.
"""
import math
import sys
import zipfile


def match(got, want):
    """Whether cell value got is want (a text as typed): "" an empty cell, numbers within 1e-6."""
    if want == "":
        return got in (None, "")
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        try:
            w = float(want)
        except ValueError:
            return False
        return abs(got - w) <= 1e-6 + 1e-9 * abs(w)
    return got == want


def cells(ws):
    """Every value of ws that is not None, row by row."""
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if v is not None:
                yield v


def find_row(ws, want):
    """The first row of ws that begins with want ("*" = anything, else as match), or None."""
    for row in ws.iter_rows():
        vals = [c.value for c in row]
        if len(vals) >= len(want) and all(w == "*" or match(v, w) for v, w in zip(vals, want)):
            return row
    return None


def check_rows(c, specs):
    """--row SHEET|V1|V2…: some row of SHEET begins with these cells."""
    for spec in specs:
        parts = spec.split("|")
        if find_row(c.wv[parts[0]], parts[1:]) is None:
            c.fail("%s: no row beginning %r" % (parts[0], parts[1:]))


def check_formulas(c, specs):
    """--formula SHEET|V1|…|N: the row found as --row has a formula in column N (1-based)."""
    for spec in specs:
        parts = spec.split("|")
        row = find_row(c.wv[parts[0]], parts[1:-1])
        if row is None:
            c.fail("%s: no row beginning %r" % (parts[0], parts[1:-1]))
            continue
        cell = c.wf[parts[0]].cell(row=row[0].row, column=int(parts[-1]))
        if cell.data_type != "f":
            c.fail("%s!%s: %r is not a formula" % (parts[0], cell.coordinate, cell.value))


def check_texts(c, texts, no_texts):
    """--text SHEET|TEXT: some cell of SHEET holds TEXT; --no-text: none does."""
    for spec, want in [(s, True) for s in texts] + [(s, False) for s in no_texts]:
        sheet, text = spec.split("|", 1)
        got = any(isinstance(v, str) and text in v for v in cells(c.wv[sheet]))
        if got != want:
            c.fail("%s: %s %r" % (sheet, "no cell holds" if want else "a cell holds", text))


def check_finite(c, names):
    """No cell of the sheets names holds inf or NaN, as a number or as a text."""
    for n in names:
        for v in cells(c.wv[n]):
            if isinstance(v, float) and not math.isfinite(v) or isinstance(v, str) \
                    and v.strip().lower() in ("inf", "-inf", "nan", "#num!"):
                c.fail("%s: a cell holds %r" % (n, v))


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


def report(c, xlsx):
    """Prints the differences, one a line, and exits 1 when there is any; else says ok."""
    for e in c.errors:
        print(e)
    if c.errors:
        print("%s: %d differences" % (xlsx, len(c.errors)))
        sys.exit(1)
    print("%s: ok" % xlsx)
