#!/usr/bin/python3
"""export_check.py - reads a tanbook Excel export back with openpyxl and checks it against
`tanbook summary --json` for the same workbook and year, and against forms/ (the labels).

usage: export_check.py [options] OUT.xlsx SUMMARY.json
  --a1 KEY=VALUE      the A.1 value of field KEY (a number is compared as a number)
  --row SHEET|V1|V2…  some row of the sheet whose title starts with SHEET begins with these cells
                      ("" = empty, numbers within 1e-6)
  --entries N         table A.3 has N inventory rows

Checks: sheet names and order, title rows, the unit line, every header label (verbatim from
forms/), the exact merged ranges of every sheet, every figure against the JSON (within 1e-6 +
1e-9 relative), numbers stored as numbers, formulas carrying cached values equal to the JSON,
number formats (0.00 for tCO₂e and tce), column widths fitting the text (CJK counted double),
A4 print setup, and the two charts' data ranges. Prints one line per difference; exits 1 when
there is any, 2 on a usage error.
"""
import argparse
import json
import os
import re
import sys
import unicodedata
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

FORMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "forms")
MONTH_SHEET, CHART_SHEET = "月度明细", "图表"
FUGITIVE, PURCHASED = "逸散排放", "净购入电力与热力产生的排放"
FOSSIL = "化石燃料燃烧排放"
FIXED_PURCHASED = [("electricity", "外购电力"), ("heat", "外购热力")]


def load_forms():
    """{id: {"title": title_zh, "fields": {key: {"zh", "unit", "in_table"}}}} from forms/."""
    forms = {}
    with open(os.path.join(FORMS, "forms.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    head = rows[0]
    for r in rows[1:]:
        d = dict(zip(head, r))
        fields = {}
        with open(os.path.join(FORMS, d["file"]), encoding="utf-8") as ff:
            frows = [l.rstrip("\n").split("\t") for l in ff if not l.startswith("#")]
        for fr in frows[1:]:
            fd = dict(zip(frows[0], fr))
            fields[fd["key"]] = {"zh": fd["zh"], "unit": fd["unit"], "in_table": fd["in_table"] == "1"}
        forms[d["id"]] = {"title": d["title_zh"], "fields": fields}
    return forms


def dwidth(s):
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(s))


def ref(row, col):
    return "%s%d" % (get_column_letter(col), row)


def rng(a, b):
    """A range as Excel writes it: "D5:D9", or "D5" when a and b are one cell."""
    return a if a == b else "%s:%s" % (a, b)


class Checker:
    def __init__(self, path, summary, forms):
        self.errors = []
        self.path = path
        self.d = summary
        self.forms = forms
        self.wf = openpyxl.load_workbook(path)                    # formulas
        self.wv = openpyxl.load_workbook(path, data_only=True)    # cached values

    def fail(self, msg):
        self.errors.append(msg)

    def label(self, form_id, key):
        return self.forms[form_id]["fields"][key]["zh"]

    def unit(self, form_id, key):
        return self.forms[form_id]["fields"][key]["unit"]

    # -- cell checks --------------------------------------------------------------------------

    def text(self, ws, cell, want):
        got = ws[cell].value
        want = None if want in ("", None) else want
        if got != want:
            self.fail("%s!%s: %r, expected %r" % (ws.title, cell, got, want))

    def number(self, ws, cell, want, what, fmt=None, formula=None):
        """A numeric cell (or a formula with a cached number) equal to want."""
        c, v = self.wf[ws.title][cell], self.wv[ws.title][cell].value
        if formula is not None:
            if c.data_type != "f":
                self.fail("%s!%s (%s): expected a formula, got %s %r"
                          % (ws.title, cell, what, c.data_type, c.value))
            elif formula is not True and c.value != formula:
                self.fail("%s!%s (%s): formula %r, expected %r" % (ws.title, cell, what, c.value, formula))
        elif c.data_type != "n":
            self.fail("%s!%s (%s): type %s %r, expected a number" % (ws.title, cell, what, c.data_type, c.value))
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            self.fail("%s!%s (%s): cached value %r is not a number" % (ws.title, cell, what, v))
        elif abs(v - want) > 1e-6 + 1e-9 * abs(want):
            self.fail("%s!%s (%s): %r, expected %r" % (ws.title, cell, what, v, want))
        if fmt is not None and not re.match(fmt, c.number_format):
            self.fail("%s!%s (%s): number format %r, expected %r" % (ws.title, cell, what, c.number_format, fmt))
        return v

    def numeric(self, ws, cell, what):
        """A plain number cell; returns its value (0 when it is not one, after saying so)."""
        c = self.wf[ws.title][cell]
        if c.data_type != "n" or not isinstance(c.value, (int, float)):
            self.fail("%s!%s (%s): type %s %r, expected a number" % (ws.title, cell, what, c.data_type, c.value))
            return 0
        return c.value

    def merges(self, ws, want):
        got = sorted(str(m) for m in ws.merged_cells.ranges)
        want = sorted(want)
        if got != want:
            self.fail("%s: merged ranges %s, expected %s" % (ws.title, got, want))

    # -- shared layout ------------------------------------------------------------------------

    def heading(self, ws, title, ncols):
        """Row 1 the title merged over the table; row 2 单位名称 … 报告年度 YEAR."""
        self.text(ws, "A1", title)
        self.text(ws, "A2", self.label("A.1", "unit_name"))
        self.text(ws, "B2", self.d["unit"])
        self.text(ws, ref(2, ncols - 1), "报告年度")
        self.number(ws, ref(2, ncols), self.d["year"], "year")
        merged = ["A1:%s" % ref(1, ncols)]
        if ncols - 2 > 2:
            merged.append("B2:%s" % ref(2, ncols - 2))
        return merged

    def headers(self, ws, row, form_id, keys, col=1):
        for i, k in enumerate(keys):
            self.text(ws, ref(row, col + i), self.label(form_id, k))

    def sources(self):
        return self.d["sources"]

    def energy(self):
        return [s for s in self.sources() if s["category"] != FUGITIVE]

    # -- the tables ---------------------------------------------------------------------------

    def a1(self, ws, values):
        merged = self.heading(ws, self.forms["A.1"]["title"], 4)
        layout = [("unit_name",), ("address",), ("building_area", "land_area"), ("co_located",),
                  ("contact", "phone")]
        table = [k for k, f in self.forms["A.1"]["fields"].items() if f["in_table"]]
        if sorted(k for row in layout for k in row) != sorted(table):
            self.fail("A.1 in_table fields %s differ from the standard's layout" % table)
        for i, keys in enumerate(layout):
            row = 3 + i
            self.text(ws, ref(row, 1), self.label("A.1", keys[0]))
            if len(keys) == 2:
                self.text(ws, ref(row, 3), self.label("A.1", keys[1]))
            else:
                merged.append("B%d:D%d" % (row, row))
            for k, col in zip(keys, (2, 4)):
                want = values.get(k)
                if k == "unit_name":
                    want = self.d["unit"]
                if k == "building_area" and self.d["building_area_m2"] is not None:
                    self.number(ws, ref(row, col), self.d["building_area_m2"], k, fmt=r'#,##0(\.00##)?" m²"$')
                elif isinstance(want, float):
                    self.number(ws, ref(row, col), want, k)
                elif want is not None:
                    self.text(ws, ref(row, col), want)
        for k, f in self.forms["A.1"]["fields"].items():
            if not f["in_table"] and any(c.value == f["zh"] for r in ws.iter_rows() for c in r):
                self.fail("A.1 shows %s, which is not in the standard's table" % f["zh"])
        self.merges(ws, merged)

    def a2(self, ws):
        merged = self.heading(ws, self.forms["A.2"]["title"], 4)
        en = self.energy()
        self.text(ws, "A3", self.label("A.2", "total_tce"))
        merged.append("B3:D3")
        self.text(ws, "A4", self.label("A.2", "energy_group"))
        self.headers(ws, 4, "A.2", ["energy_kind", "consumption", "energy_tce"], col=2)
        for i, s in enumerate(en):
            row = 5 + i
            self.text(ws, "B%d" % row, s["source"])
            self.number(ws, "C%d" % row, s["quantity"], s["id"] + " quantity",
                        fmt=r'#,##0(\.00##)?" %s"$' % re.escape(s["unit"]))
            self.number(ws, "D%d" % row, s["tce"], s["id"] + " tce", fmt=r"0\.00$")
        if en:
            merged.append("A4:A%d" % (4 + len(en)))
            self.number(ws, "B3", self.d["energy_tce"], "energy_tce", fmt=r"0\.00$",
                        formula="=SUM(%s)" % rng("D5", "D%d" % (4 + len(en))))
        else:
            self.number(ws, "B3", self.d["energy_tce"], "energy_tce", fmt=r"0\.00$")
        self.text(ws, "A%d" % (5 + len(en)), None)
        self.merges(ws, merged)

    def a3(self, ws, nentries):
        merged = self.heading(ws, self.forms["A.3"]["title"], 5)
        self.headers(ws, 3, "A.3", ["category", "source", "facility", "location", "note"])
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_col=5)]
        if nentries is not None and len(rows) != nentries:
            self.fail("表A.3: %d inventory rows, expected %d" % (len(rows), nentries))
        listed = {(r[0], r[1]) for r in rows}
        for s in self.sources():
            if (s["category"], s["source"]) not in listed:
                self.fail("表A.3: no row for %s / %s" % (s["category"], s["source"]))
        for i, r in enumerate(rows):
            if any(v in (None, "") for v in r):
                self.fail("表A.3 row %d has an empty cell (expected text or /): %r" % (4 + i, r))
        self.merges(ws, merged)

    def a4_groups(self):
        """[(category, [(label, tco2e)], subtotal)] in the sheet's order."""
        src = self.sources()
        groups = [(FOSSIL, [(s["source"], s["tco2e"]) for s in src if s["category"] == FOSSIL],
                   self.d["fossil_tco2e"])]
        if any(s["category"] == FUGITIVE for s in src):
            groups.append((FUGITIVE, [(s["source"], s["tco2e"]) for s in src if s["category"] == FUGITIVE],
                           self.d["fugitive_tco2e"]))
        items = []
        for sid, name in FIXED_PURCHASED:
            hit = [s for s in src if s["id"] == sid]
            items.append((hit[0]["source"], hit[0]["tco2e"]) if hit else (name, 0.0))
        items += [(s["source"], s["tco2e"]) for s in src
                  if s["category"] == PURCHASED and s["id"] not in dict(FIXED_PURCHASED)]
        groups.append((PURCHASED, items, self.d["purchased_tco2e"]))
        return groups

    def a4(self, ws):
        merged = self.heading(ws, self.forms["A.4"]["title"], 4)
        t = self.unit("A.4", "total")
        self.text(ws, "A3", self.label("A.4", "total"))
        self.text(ws, "D3", t)
        merged.append("A3:B3")
        row, subs = 4, []
        for cat, items, subtotal in self.a4_groups():
            self.text(ws, "A%d" % row, cat)
            self.text(ws, "B%d" % row, "小计")
            self.text(ws, "D%d" % row, t)
            if items:
                merged.append("A%d:A%d" % (row, row + len(items)))
            self.number(ws, "C%d" % row, subtotal, cat, fmt=r"0\.00$",
                        formula="=SUM(%s)" % rng("C%d" % (row + 1), "C%d" % (row + len(items))) if items else None)
            subs.append("C%d" % row)
            for i, (name, v) in enumerate(items):
                r = row + 1 + i
                self.text(ws, "B%d" % r, name)
                self.number(ws, "C%d" % r, v, name, fmt=r"0\.00$")
                self.text(ws, "D%d" % r, t)
            row += 1 + len(items)
        self.number(ws, "C3", self.d["total_tco2e"], "total", fmt=r"0\.00$", formula="=" + "+".join(subs))
        lines = [("building_area", "building_area_m2", None), ("intensity", "intensity_kgco2e_per_m2",
                  "=C3*1000/C%d" % row), ("headcount", "headcount", None),
                 ("per_capita", "per_capita_tco2e", "=C3/C%d" % (row + 2))]
        for i, (key, jkey, formula) in enumerate(lines):
            r = row + i
            merged.append("A%d:B%d" % (r, r))
            self.text(ws, "A%d" % r, self.label("A.4", key))
            self.text(ws, "D%d" % r, self.unit("A.4", key))
            if self.d[jkey] is None:
                v = ws["C%d" % r].value
                if not isinstance(v, str) or "未填写" not in v:
                    self.fail("表A.4!C%d (%s): %r, expected a 未填写 note" % (r, key, v))
            else:
                fmt = {"headcount": r"0$", "building_area": r"#,##0(\.00##)?$"}.get(key, r"0\.00$")
                self.number(ws, "C%d" % r, self.d[jkey], key, formula=formula, fmt=fmt)
        self.merges(ws, merged)

    def a5(self, ws):
        merged = self.heading(ws, self.forms["A.5"]["title"], 5)
        self.headers(ws, 3, "A.5", ["category", "source", "data", "unit", "data_source"])
        for i, s in enumerate(self.sources()):
            r = 4 + i
            self.text(ws, "A%d" % r, s["category"])
            self.text(ws, "B%d" % r, s["source"])
            self.number(ws, "C%d" % r, s["quantity"], s["id"] + " quantity")
            self.text(ws, "D%d" % r, s["unit"])
        self.text(ws, "A%d" % (4 + len(self.sources())), None)
        self.merges(ws, merged)

    def a6(self, ws):
        merged = self.heading(ws, self.forms["A.6"]["title"], 6)
        self.headers(ws, 3, "A.6", ["category", "source", "data", "factor_unit", "data_source", "derivation"])
        for i, s in enumerate(self.sources()):
            r = 4 + i
            self.text(ws, "A%d" % r, s["category"])
            self.text(ws, "B%d" % r, s["source"])
            self.number(ws, "C%d" % r, s["factor"], s["id"] + " factor")
            self.text(ws, "D%d" % r, s["factor_unit"])
            if not str(ws["E%d" % r].value or "").startswith(s["factor_source"]) or not s["factor_source"]:
                self.fail("表A.6!E%d: %r, expected the factor source %r" % (r, ws["E%d" % r].value, s["factor_source"]))
            deriv = str(ws["F%d" % r].value)
            if s["category"] == FOSSIL and not ("低位发热量" in deriv and "× 44/12" in deriv):
                self.fail("表A.6!F%d: %r, expected the NCV × CC × OF × 44/12 derivation" % (r, deriv))
        self.merges(ws, merged)

    def months(self, ws):
        """Two blocks (activity, emissions): 排放源 | 单位 | 1月 … 12月 | rest | 合计, then totals."""
        merged = self.heading(ws, MONTH_SHEET, 16)
        src, n = self.sources(), len(self.sources())
        heads = ["排放源", "单位"] + ["%d月" % m for m in range(1, 13)] + ["季度/全年（未分摊到月）", "合计"]
        blocks = [(3, "quantity", "unit"), (3 + n + 3, "tco2e", None)]
        for top, key, unit_key in blocks:
            merged.append("A%d:P%d" % (top, top))
            for i, h in enumerate(heads):
                self.text(ws, ref(top + 1, 1 + i), h)
            for i, s in enumerate(src):
                r = top + 2 + i
                self.text(ws, "A%d" % r, s["source"])
                self.text(ws, "B%d" % r, s[unit_key] if unit_key else "tCO₂e")
                parts = sum(self.numeric(ws, ref(r, c), "%s %s column %d" % (s["id"], key, c)) for c in range(3, 16))
                if abs(parts - s[key]) > 1e-6 + 1e-9 * abs(s[key]):
                    self.fail("%s row %d: months + rest = %r, expected %s %r" % (ws.title, r, parts, key, s[key]))
                self.number(ws, "P%d" % r, s[key], s["id"] + " " + key, formula="=SUM(C%d:O%d)" % (r, r),
                            fmt=r"0\.00$" if key == "tco2e" else None)
        total = 3 + n + 3 + 2 + n
        self.text(ws, "A%d" % total, "合计")
        self.text(ws, "B%d" % total, "tCO₂e")
        for c in range(3, 17):
            col = get_column_letter(c)
            want = sum(self.wv[ws.title]["%s%d" % (col, total - n + i)].value for i in range(n))
            if c == 16:
                want = self.d["total_tco2e"]
            self.number(ws, "%s%d" % (col, total), want, "total " + col, fmt=r"0\.00$",
                        formula="=SUM(%s)" % rng("%s%d" % (col, total - n), "%s%d" % (col, total - 1)) if n else None)
        self.merges(ws, merged)
        return total

    def charts(self, ws, total):
        merged = self.heading(ws, CHART_SHEET, 10)
        self.merges(ws, merged)
        n = len(self.sources())
        with zipfile.ZipFile(self.path) as z:
            names = sorted(x for x in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", x))
            xml = [z.read(x).decode("utf-8") for x in names]
        if len(xml) != (2 if n else 0):
            self.fail("expected %d charts, found %d" % (2 if n else 0, len(xml)))
            return
        first, last = total - n, total - 1
        rest = "$O" if self.wv[MONTH_SHEET]["O%d" % total].value else "$N"   # the 13th column when used
        q = "'%s'!" % MONTH_SHEET
        want = [(q + rng("$A$%d" % first, "$A$%d" % last), q + rng("$P$%d" % first, "$P$%d" % last)),
                (q + "$C$%d:%s$%d" % (first - 1, rest, first - 1), q + "$C$%d:%s$%d" % (total, rest, total))]
        for i, (x, (cats, vals)) in enumerate(zip(xml, want)):
            refs = re.findall(r"<c:f>([^<]*)</c:f>", x)
            if cats not in refs or vals not in refs:
                self.fail("chart %d references %s, expected %s and %s" % (i + 1, refs, cats, vals))
            if "<c:numCache>" not in x or "<c:pt idx=\"0\"><c:v>" not in x:
                self.fail("chart %d has no cached data" % (i + 1))

    # -- every sheet --------------------------------------------------------------------------

    def everywhere(self):
        for ws in self.wf.worksheets:
            wv = self.wv[ws.title]
            merged = {c for m in ws.merged_cells.ranges for row in ws[m.coord] for c in row}
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f" and not isinstance(wv[c.coordinate].value, (int, float)):
                        self.fail("%s!%s: formula %s has no cached value (%r)"
                                  % (ws.title, c.coordinate, c.value, wv[c.coordinate].value))
                    if c.data_type == "s" and re.fullmatch(r"\s*-?[\d,]+(\.\d+)?\s*", c.value):
                        self.fail("%s!%s: number stored as text %r" % (ws.title, c.coordinate, c.value))
            # a text fits its column, on as many lines as its row is high (18 pt + 14 pt a line)
            widths = {}
            for row in ws.iter_rows(min_row=3):
                for c in row:
                    if c.data_type == "s" and c not in merged:
                        h = ws.row_dimensions[c.row].height or 18
                        need = dwidth(c.value) / max(1, round((h - 18) / 14) + 1)
                        widths[c.column_letter] = max(widths.get(c.column_letter, 0), need)
            for col, w in widths.items():
                got = ws.column_dimensions[col].width
                if got is None or got < min(w, 40):
                    self.fail("%s column %s: width %r, its text needs %.1f" % (ws.title, col, got, w))
            ps = ws.page_setup
            if str(ps.paperSize) != "9" or not ws.sheet_properties.pageSetUpPr.fitToPage \
                    or ps.fitToHeight not in (0, "0") or ps.fitToWidth not in (None, 1, "1"):
                self.fail("%s: page setup paper %r fitToPage %r %rx%r, expected A4 1 page wide"
                          % (ws.title, ps.paperSize, ws.sheet_properties.pageSetUpPr.fitToPage,
                             ps.fitToWidth, ps.fitToHeight))
            if not ws.print_title_rows or not ws.print_title_rows.startswith("$1:"):
                self.fail("%s: print title rows %r, expected $1:..." % (ws.title, ws.print_title_rows))
            if "&P" not in (ws.oddFooter.center.text or ""):
                self.fail("%s: footer %r has no page number" % (ws.title, ws.oddFooter.center.text))

    def rows(self, specs):
        for spec in specs:
            parts = spec.split("|")
            names = [n for n in self.wv.sheetnames if n.startswith(parts[0])]
            if not names:
                self.fail("--row %r: no sheet %r" % (spec, parts[0]))
                continue
            want = parts[1:]
            found = False
            for row in self.wv[names[0]].iter_rows(values_only=True):
                if all(match(v, w) for v, w in zip(row, want)) and len(row) >= len(want):
                    found = True
                    break
            if not found:
                self.fail("%s: no row beginning %r" % (names[0], want))

    def run(self, a1_values, row_specs, nentries):
        t = {k: v["title"] for k, v in self.forms.items()}
        want = [t["A.%d" % i] for i in range(1, 7)] + [MONTH_SHEET, CHART_SHEET]
        if self.wf.sheetnames != want:
            self.fail("sheets %s, expected %s" % (self.wf.sheetnames, want))
            return
        self.a1(self.wf[t["A.1"]], a1_values)
        self.a2(self.wf[t["A.2"]])
        self.a3(self.wf[t["A.3"]], nentries)
        self.a4(self.wf[t["A.4"]])
        self.a5(self.wf[t["A.5"]])
        self.a6(self.wf[t["A.6"]])
        total = self.months(self.wf[MONTH_SHEET])
        self.charts(self.wf[CHART_SHEET], total)
        self.everywhere()
        self.rows(row_specs)


def match(got, want):
    if want == "":
        return got in (None, "")
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        try:
            w = float(want)
        except ValueError:
            return False
        return abs(got - w) <= 1e-6 + 1e-9 * abs(w)
    return got == want


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("summary")
    ap.add_argument("--a1", action="append", default=[])
    ap.add_argument("--row", action="append", default=[])
    ap.add_argument("--entries", type=int)
    a = ap.parse_args()
    a1 = {}
    for kv in a.a1:
        k, _, v = kv.partition("=")
        try:
            a1[k] = float(v)
        except ValueError:
            a1[k] = v
    with open(a.summary, encoding="utf-8") as f:
        summary = json.load(f)
    c = Checker(a.xlsx, summary, load_forms())
    c.run(a1, a.row, a.entries)
    for e in c.errors:
        print(e)
    if c.errors:
        print("%s: %d differences" % (a.xlsx, len(c.errors)))
        sys.exit(1)
    print("%s: ok" % a.xlsx)


if __name__ == "__main__":
    main()
