#!/usr/bin/python3
"""export_check.py - reads a tanbook Excel export back with openpyxl and checks it against
`tanbook summary --json` for the same workbook and year, and against forms/ (the labels).

usage: export_check.py [options] OUT.xlsx SUMMARY.json
  --a1 KEY=VALUE      the A.1 value of field KEY (a number is compared as a number)
  --row SHEET|V1|V2…  some row of the sheet whose title starts with SHEET begins with these cells
                      ("" = empty, "*" = anything, numbers within 1e-6)
  --entries N         table A.3 has N inventory rows
  --records N         活动数据明细 lists N A.5 rows
  --na-records N      … of which N are 不适用 ("/" as the quantity)

Checks: sheet names and order (碳绩效参数 and 碳基准与目标 last: export_perf_check.py reads them;
here they get the checks of every sheet), title rows, the unit line (the unit name never cut off: its cell
or merged range as wide as its text, or wrapping with a row tall enough; 单位名称 once on A.1),
every header cell against the standard's own text (T/ZJJGSW 0005—2024 Appendix A, copied below)
and forms/, A.4's fixed rows 汽油/柴油/天然气 and 外购电力/外购热力, A.5 and A.6 in the standard's
four columns with the unit in the number format, the category merged down over its rows on
A.3–A.6, the exact merged ranges of every sheet, every figure against the JSON (within 1e-6 +
1e-9 relative), numbers stored as numbers, formulas carrying cached values equal to the JSON,
thousands-separated number formats for tCO₂e and tce, per-quarter columns in 月度明细 and their
sums, "/" in 月度明细 exactly where the JSON's na_months say a month is 不适用 (a quarter of three
such months and the whole-year column of twelve too), a rounding note wherever a total shown differs from the sum of its parts as shown, column
widths fitting the text (CJK counted double), a CJK font on every cell, quotePrefix on text
beginning with = + - @, frozen panes, A4 print setup with repeated header rows, and the charts:
their number, data ranges, value axes from 0, every category label shown, the by-source chart
tall enough for its sources. Prints one line per difference; exits 1 when there is any, 2 on a
usage error.
"""
import argparse
import json
import os
import re
import unicodedata
import zipfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
from openpyxl.utils import get_column_letter

import xlsx_find

FORMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "forms")
MONTH_SHEET, CHART_SHEET = "月度明细", "图表"
PERF_SHEETS = ["碳绩效参数", "碳基准与目标"]    # read back by export_perf_check.py
NEUTRAL_SHEETS = ["可再生能源与绿电", "碳抵消与碳中和"]   # … by export_neutral_check.py
STATEMENT_SHEET = "碳中和声明"                   # after them when the year achieves neutrality
EVAL_SHEETS = ["零碳机关评价", "成熟度评价", "佐证材料清单"]   # last, by export_eval_check.py
NOTES_SHEET, RECORDS_SHEET = "因子说明", "活动数据明细"
NA = "/"                                # a period 不适用
FUGITIVE, PURCHASED = "逸散排放", "净购入电力与热力产生的排放"
FOSSIL = "化石燃料燃烧排放"
# The rows T/ZJJGSW 0005—2024 表A.4 always prints, in its order
FIXED = {FOSSIL: [("gasoline", "汽油"), ("diesel", "柴油"), ("natural_gas", "天然气")],
         PURCHASED: [("electricity", "外购电力"), ("heat", "外购热力")]}
# The standard's own header text of each table (Appendix A), independent of forms/
STD_A1 = ["单位名称", "地址", "建筑面积", "占地面积", "合署办公情况", "联系人", "联系电话"]
# … and the one row tanbook adds to it, under 单位名称: the unit's identity across files (issue 18)
ADDED_A1 = {"统一社会信用代码": 1}      # label → its place among the labels
STD_A2 = ["年度综合能耗当量值(tce)", "主要能源消耗及数量", "能源种类", "消耗量(单位)", "折标煤(tce)"]
STD_A3 = ["排放种类", "排放源", "排放设施名称", "排放设施位置", "备注"]
STD_A4 = ["碳排放总量", "化石燃料燃烧排放", "汽油", "柴油", "天然气", "净购入电力与热力产生的排放",
          "外购电力", "外购热力", "建筑面积", "单位建筑面积碳排放量", "用能人数", "人均碳排放量"]
STD_A56 = ["排放种类", "排放源", "数据", "数据来源"]
MONTH_HEADS = (["排放源", "单位"] + ["%d月" % m for m in range(1, 13)]
               + ["第一季度", "第二季度", "第三季度", "第四季度", "按年填报", "全年合计"])
ROUNDING_NOTE = "注：合计按未舍入的数值计算"
FONT = "宋体"
T2 = r"#,##0\.00$"


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

    def range_width(self, ws, c1, c2):
        return sum(ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(c1, c2 + 1))

    def fits(self, ws, cell, c1, c2, what):
        """The text of cell (spanning columns c1..c2) is never cut off: the columns are as wide as
        its display width, or it wraps in a row tall enough for its lines (18 pt + 14 a line)."""
        text = ws[cell].value
        if not text:
            return
        need, room = dwidth(text), self.range_width(ws, c1, c2)
        if room >= need:
            return
        lines = -(-need // max(1, room - 2))
        height = ws.row_dimensions[ws[cell].row].height or 15
        if not ws[cell].alignment.wrap_text or height < 18 + 14 * (lines - 1):
            self.fail("%s!%s (%s, %d wide): %.1f columns, wrap %r, height %r for %d lines: cut off"
                      % (ws.title, cell, what, need, room, ws[cell].alignment.wrap_text, height, lines))

    def heading(self, ws, title, ncols, with_name=True):
        """Row 1 the title merged over the table; row 2 单位名称 NAME … 报告年度 YEAR (A.1, which
        names the unit in its first row, has only 报告年度)."""
        self.text(ws, "A1", title)
        self.text(ws, ref(2, ncols - 1), "报告年度")
        self.number(ws, ref(2, ncols), self.d["year"], "year")
        merged = ["A1:%s" % ref(1, ncols)]
        if not with_name:
            self.text(ws, "A2", None)
            self.text(ws, "B2", None)
            return merged
        self.text(ws, "A2", STD_A1[0])
        self.text(ws, "B2", self.d["unit"])
        if ncols - 2 > 2:
            merged.append("B2:%s" % ref(2, ncols - 2))
        self.fits(ws, "B2", 2, max(2, ncols - 2), "unit name")
        return merged

    def headers(self, ws, row, want, col=1):
        for i, h in enumerate(want):
            self.text(ws, ref(row, col + i), h)

    def sources(self):
        return self.d["sources"]

    def energy(self):
        return [s for s in self.sources() if s["category"] != FUGITIVE]

    def category_merges(self, ws, first, cats):
        """Column A merged down over each run of one category, the category written once."""
        merged, i = [], 0
        while i < len(cats):
            j = i
            while j + 1 < len(cats) and cats[j + 1] == cats[i]:
                j += 1
            self.text(ws, "A%d" % (first + i), cats[i])
            for k in range(i + 1, j + 1):
                self.text(ws, "A%d" % (first + k), None)
            if j > i:
                merged.append("A%d:A%d" % (first + i, first + j))
            i = j + 1
        return merged

    def rounding(self, ws, total, parts, what):
        """A total shown with 2 decimals equals the sum of its parts as shown, or the sheet says
        why not."""
        shown = lambda v: float(Decimal(repr(v)).quantize(Decimal("0.01"), ROUND_HALF_UP))
        if abs(sum(shown(p) for p in parts) - shown(total)) > 0.001:
            if not any(isinstance(c.value, str) and c.value.startswith(ROUNDING_NOTE)
                       for r in ws.iter_rows() for c in r):
                self.fail("%s: %s shows %.2f but its parts add up to %.2f, and no rounding note"
                          % (ws.title, what, shown(total), sum(shown(p) for p in parts)))

    # -- the tables ---------------------------------------------------------------------------

    def a1(self, ws, values):
        merged = self.heading(ws, self.forms["A.1"]["title"], 4, with_name=False)
        layout = [("unit_name",), ("uscc",), ("address",), ("building_area", "land_area"),
                  ("co_located",), ("contact", "phone")]
        table = [k for k, f in self.forms["A.1"]["fields"].items() if f["in_table"]]
        if sorted(k for row in layout for k in row) != sorted(table):
            self.fail("A.1 in_table fields %s differ from the standard's layout" % table)
        labels = []
        for i, keys in enumerate(layout):
            row = 3 + i
            self.text(ws, ref(row, 1), self.label("A.1", keys[0]))
            labels.append(ws[ref(row, 1)].value)
            if len(keys) == 2:
                self.text(ws, ref(row, 3), self.label("A.1", keys[1]))
                labels.append(ws[ref(row, 3)].value)
            else:
                merged.append("B%d:D%d" % (row, row))
            for k, col in zip(keys, (2, 4)):
                want = values.get(k)
                if k == "unit_name":
                    want = self.d["unit"]
                    self.fits(ws, "B%d" % row, 2, 4, "unit name")
                if k == "building_area" and self.d["building_area_m2"] is not None:
                    self.number(ws, ref(row, col), self.d["building_area_m2"], k, fmt=r'#,##0(\.00##)?" m²"$')
                elif isinstance(want, float):
                    self.number(ws, ref(row, col), want, k)
                elif want is not None:
                    self.text(ws, ref(row, col), want)
        want_labels = list(STD_A1)
        for label, at in ADDED_A1.items():
            want_labels.insert(at, label)
        if labels != want_labels:
            self.fail("表A.1 labels %s, the standard's (and tanbook's code) are %s" % (labels, want_labels))
        names = sum(1 for r in ws.iter_rows() for c in r if c.value == STD_A1[0])
        if names != 1:
            self.fail("表A.1 prints 单位名称 %d times, expected once" % names)
        for k, f in self.forms["A.1"]["fields"].items():
            if not f["in_table"] and any(c.value == f["zh"] for r in ws.iter_rows() for c in r):
                self.fail("A.1 shows %s, which is not in the standard's table" % f["zh"])
        self.merges(ws, merged)

    def a2(self, ws):
        merged = self.heading(ws, self.forms["A.2"]["title"], 4)
        en = self.energy()
        self.text(ws, "A3", STD_A2[0])
        self.text(ws, "A3", self.label("A.2", "total_tce"))
        merged.append("B3:D3")
        self.text(ws, "A4", STD_A2[1])
        self.headers(ws, 4, STD_A2[2:], col=2)
        self.headers(ws, 4, [self.label("A.2", k) for k in ("energy_kind", "consumption", "energy_tce")], col=2)
        for i, s in enumerate(en):
            row = 5 + i
            self.text(ws, "B%d" % row, s["source"])
            self.number(ws, "C%d" % row, s["quantity"], s["id"] + " quantity",
                        fmt=r'#,##0(\.00##)?" %s"$' % re.escape(s["unit"]))
            self.number(ws, "D%d" % row, s["tce"], s["id"] + " tce", fmt=T2)
        if en:
            merged.append("A4:A%d" % (4 + len(en)))
            self.number(ws, "B3", self.d["energy_tce"], "energy_tce", fmt=T2,
                        formula="=SUM(%s)" % rng("D5", "D%d" % (4 + len(en))))
        else:
            self.number(ws, "B3", self.d["energy_tce"], "energy_tce", fmt=T2)
        self.rounding(ws, self.d["energy_tce"], [s["tce"] for s in en], "年度综合能耗当量值")
        self.text(ws, "A%d" % (5 + len(en)), None)
        merged += self.notes(ws, 6 + len(en), 4)
        self.merges(ws, merged)

    def notes(self, ws, row, ncols):
        """The notes under a table from row on: each merged across it; returns their ranges."""
        merged = []
        for r in range(row, ws.max_row + 1, 2):
            v = ws["A%d" % r].value
            if isinstance(v, str) and v.startswith("注："):
                merged.append("A%d:%s" % (r, ref(r, ncols)))
                self.fits(ws, "A%d" % r, 1, ncols, "note")
        return merged

    def a3(self, ws, nentries):
        merged = self.heading(ws, self.forms["A.3"]["title"], 5)
        self.headers(ws, 3, STD_A3)
        self.headers(ws, 3, [self.label("A.3", k) for k in ("category", "source", "facility", "location", "note")])
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4, max_col=5)]
        if nentries is not None and len(rows) != nentries:
            self.fail("表A.3: %d inventory rows, expected %d" % (len(rows), nentries))
        cats, last = [], None
        for r in rows:
            last = r[0] if r[0] is not None else last
            cats.append(last)
        order = [c for c in (FOSSIL, FUGITIVE, PURCHASED) if c in cats]
        if [c for i, c in enumerate(cats) if i == 0 or cats[i - 1] != c] != order:
            self.fail("表A.3: categories %s, expected one block each in the order %s" % (cats, order))
        listed = {(c, r[1]) for c, r in zip(cats, rows)}
        for s in self.sources():
            if (s["category"], s["source"]) not in listed:
                self.fail("表A.3: no row for %s / %s" % (s["category"], s["source"]))
        for i, r in enumerate(rows):
            if any(v in (None, "") for v in r[1:]):
                self.fail("表A.3 row %d has an empty cell (expected text or /): %r" % (4 + i, r))
        merged += self.category_merges(ws, 4, cats)
        if ws.freeze_panes != "A4":
            self.fail("表A.3: panes frozen at %r, expected A4 (under the header)" % ws.freeze_panes)
        self.merges(ws, merged)

    def a4_groups(self):
        """[(category, [(label, tco2e)], subtotal)] in the sheet's order: the standard's fixed rows
        first in each of its categories (0 when unused), then the other sources."""
        src = self.sources()
        groups = []
        for cat, key in ((FOSSIL, "fossil_tco2e"), (FUGITIVE, "fugitive_tco2e"), (PURCHASED, "purchased_tco2e")):
            if cat == FUGITIVE and not any(s["category"] == FUGITIVE for s in src):
                continue
            items = []
            for sid, name in FIXED.get(cat, []):
                hit = [s for s in src if s["id"] == sid]
                items.append((hit[0]["source"], hit[0]["tco2e"]) if hit else (name, 0.0))
            fixed = {sid for sid, _ in FIXED.get(cat, [])}
            items += [(s["source"], s["tco2e"]) for s in src if s["category"] == cat and s["id"] not in fixed]
            groups.append((cat, items, self.d[key]))
        return groups

    def a4(self, ws):
        merged = self.heading(ws, self.forms["A.4"]["title"], 4)
        t = self.unit("A.4", "total")
        self.text(ws, "A3", self.label("A.4", "total"))
        self.text(ws, "D3", t)
        merged.append("A3:B3")
        row, subs, labels = 4, [], [ws["A3"].value]
        for cat, items, subtotal in self.a4_groups():
            self.text(ws, "A%d" % row, cat)
            merged.append("A%d:A%d" % (row, row + len(items)))
            labels.append(cat)
            for i, (name, v) in enumerate(items):
                r = row + i
                self.text(ws, "B%d" % r, name)
                labels.append(ws["B%d" % r].value)
                self.number(ws, "C%d" % r, v, name, fmt=T2)
                self.text(ws, "D%d" % r, t)
            sub = row + len(items)
            self.text(ws, "B%d" % sub, "小计")
            self.text(ws, "D%d" % sub, t)
            self.number(ws, "C%d" % sub, subtotal, cat, fmt=T2,
                        formula="=SUM(%s)" % rng("C%d" % row, "C%d" % (sub - 1)) if items else None)
            self.rounding(ws, subtotal, [v for _, v in items], cat + " 小计")
            subs.append(("C%d" % sub, subtotal))
            row = sub + 1
        self.number(ws, "C3", self.d["total_tco2e"], "total", fmt=T2,
                    formula="=" + "+".join(c for c, _ in subs))
        self.rounding(ws, self.d["total_tco2e"], [v for _, v in subs], "碳排放总量")
        lines = [("building_area", "building_area_m2", None), ("intensity", "intensity_kgco2e_per_m2",
                  "=C3*1000/C%d" % row), ("headcount", "headcount", None),
                 ("per_capita", "per_capita_tco2e", "=C3/C%d" % (row + 2))]
        for i, (key, jkey, formula) in enumerate(lines):
            r = row + i
            merged.append("A%d:B%d" % (r, r))
            self.text(ws, "A%d" % r, self.label("A.4", key))
            labels.append(ws["A%d" % r].value)
            self.text(ws, "D%d" % r, self.unit("A.4", key))
            if self.d[jkey] is None:
                v = ws["C%d" % r].value
                if not isinstance(v, str) or "未填写" not in v:
                    self.fail("表A.4!C%d (%s): %r, expected a 未填写 note" % (r, key, v))
            else:
                fmt = {"headcount": r"#,##0$", "building_area": r"#,##0(\.00##)?$"}.get(key, T2)
                self.number(ws, "C%d" % r, self.d[jkey], key, formula=formula, fmt=fmt)
        # the standard's rows, in its order, with only our additions between them
        std = [l for l in labels if l in STD_A4]
        if std != STD_A4:
            self.fail("表A.4: the standard's rows read %s, expected %s" % (std, STD_A4))
        has_fugitive = any(g[0] == FUGITIVE for g in self.a4_groups())
        said = any(isinstance(c.value, str) and "HFCs" in c.value and "SF₆" in c.value
                   for r in ws.iter_rows() for c in r)
        if has_fugitive != said:
            self.fail("表A.4: fugitive block %s but the HFCs/SF₆ note %s"
                      % ("present" if has_fugitive else "absent", "present" if said else "absent"))
        merged += self.notes(ws, row + 5, 4)
        self.merges(ws, merged)

    def four(self, ws, form_id, value, fmt_of):
        """A.5 or A.6: the standard's four columns, one row per source, category merged down."""
        merged = self.heading(ws, self.forms[form_id]["title"], 4)
        self.headers(ws, 3, STD_A56)
        self.headers(ws, 3, [self.label(form_id, k) for k in ("category", "source", "data", "data_source")])
        if ws["E3"].value is not None:
            self.fail("%s has a fifth column %r; the standard has four" % (ws.title, ws["E3"].value))
        src = self.sources()
        for i, s in enumerate(src):
            r = 4 + i
            self.text(ws, "B%d" % r, s["source"])
            self.number(ws, "C%d" % r, s[value], "%s %s" % (s["id"], value), fmt=fmt_of(s))
        self.text(ws, "B%d" % (4 + len(src)), None)
        merged += self.category_merges(ws, 4, [s["category"] for s in src])
        if ws.freeze_panes != "A4":
            self.fail("%s: panes frozen at %r, expected A4" % (ws.title, ws.freeze_panes))
        self.merges(ws, merged)

    def a5(self, ws):
        self.four(ws, "A.5", "quantity", lambda s: r'#,##0(\.00##)?" %s"$' % re.escape(s["unit"]))

    def a6(self, ws):
        self.four(ws, "A.6", "factor", lambda s: r'#,##0(\.0+)?" %s"$' % re.escape(s["factor_unit"]))
        for i, s in enumerate(self.sources()):
            src = ws["D%d" % (4 + i)].value
            if src != s["factor_source"] or not src:
                self.fail("表A.6!D%d: %r, expected the factor source %r" % (4 + i, src, s["factor_source"]))

    def factor_notes(self, ws):
        """因子说明: per source its factor, derivation, standard-coal coefficient and remarks."""
        merged = self.heading(ws, NOTES_SHEET, 5)
        self.headers(ws, 3, ["排放源", "排放因子", "推导", "折标准煤系数", "说明"])
        for i, s in enumerate(self.sources()):
            r = 4 + i
            self.text(ws, "A%d" % r, s["source"])
            self.number(ws, "B%d" % r, s["factor"], s["id"] + " factor",
                        fmt=r'#,##0(\.0+)?" %s"$' % re.escape(s["factor_unit"]))
            deriv, coal = str(ws["C%d" % r].value), str(ws["D%d" % r].value)
            if s["category"] == FOSSIL and not ("低位发热量" in deriv and "× 44/12" in deriv) \
                    and "用户" not in deriv:
                self.fail("因子说明!C%d: %r, expected the NCV × CC × OF × 44/12 derivation" % (r, deriv))
            if s["category"] != FUGITIVE and "kgce/" not in coal:
                self.fail("因子说明!D%d: %r, expected the standard-coal coefficient" % (r, coal))
            if s["category"] == FUGITIVE and coal != "/":
                self.fail("因子说明!D%d: %r, a refrigerant has no standard coal" % (r, coal))
            if s["unit"] == "L" and "kg/L" not in str(ws["E%d" % r].value):
                self.fail("因子说明!E%d: %r, expected the litre density" % (r, ws["E%d" % r].value))
        merged += self.notes(ws, 5 + len(self.sources()), 5)
        self.merges(ws, merged)

    def months(self, ws):
        """Two blocks (activity, emissions): 排放源 | 单位 | 1月 … 12月 | 第一季度 … 第四季度 |
        按年填报 | 全年合计, then totals. A quarter is its months plus its quarterly rows."""
        ncol = len(MONTH_HEADS)
        last = get_column_letter(ncol)
        merged = self.heading(ws, MONTH_SHEET, ncol)
        src, n = self.sources(), len(self.sources())
        blocks = [(3, "quantity", "unit"), (3 + n + 3, "tco2e", None)]
        self.quarterly = False
        for top, key, unit_key in blocks:
            merged.append("A%d:%s%d" % (top, last, top))
            self.headers(ws, top + 1, MONTH_HEADS)
            for i, s in enumerate(src):
                r = top + 2 + i
                self.text(ws, "A%d" % r, s["source"])
                self.text(ws, "B%d" % r, s[unit_key] if unit_key else "tCO₂e")
                months = [self.wv[ws.title][ref(r, c)].value for c in range(3, 15)]
                quarters = [self.wv[ws.title][ref(r, c)].value for c in range(15, 19)]
                year = self.wv[ws.title][ref(r, 19)].value
                # "/" exactly where the JSON says a month is 不适用; the sums take it as 0
                na = set(s.get("na_months", []))
                want_na = ([m + 1 in na for m in range(12)]
                           + [all(3 * q + m + 1 in na for m in range(3)) for q in range(4)] + [len(na) == 12])
                for i, (v, want) in enumerate(zip(months + quarters + [year], want_na)):
                    if (v == NA) != want:
                        self.fail("%s!%s (%s %s): %r, expected %s" % (ws.title, ref(r, 3 + i), s["id"], key, v,
                                                                     "\"/\" (不适用)" if want else "a number"))
                months = [0 if v == NA else v for v in months]
                quarters = [0 if v == NA else v for v in quarters]
                if year == NA:
                    year = 0
                else:
                    year = self.numeric(ws, ref(r, 19), "%s %s whole-year" % (s["id"], key))
                for q in range(4):
                    if not want_na[3 * q]:
                        self.numeric(ws, ref(r, 3 + 3 * q), "%s %s month" % (s["id"], key))
                    if quarters[q] is None or quarters[q] < sum(months[3 * q:3 * q + 3]) - 1e-9:
                        self.fail("%s!%s: quarter %r less than its months %r" % (ws.title, ref(r, 15 + q), quarters[q], months[3 * q:3 * q + 3]))
                    elif quarters[q] > sum(months[3 * q:3 * q + 3]) + 1e-9:
                        self.quarterly = True
                    if key == "tco2e" and abs(quarters[q] - sum(months[3 * q:3 * q + 3])) < 1e-9:
                        # a quarter of months only: the sum of three cells shown beside it
                        self.rounding(ws, quarters[q], months[3 * q:3 * q + 3], "%s Q%d" % (s["source"], q + 1))
                parts = sum(quarters) + year
                if abs(parts - s[key]) > 1e-6 + 1e-9 * abs(s[key]):
                    self.fail("%s row %d: quarters + whole year = %r, expected %s %r" % (ws.title, r, parts, key, s[key]))
                self.number(ws, "%s%d" % (last, r), s[key], s["id"] + " " + key, formula="=SUM(O%d:S%d)" % (r, r),
                            fmt=T2 if key == "tco2e" else None)
                if key == "tco2e":
                    self.rounding(ws, s[key], quarters + [year], s["source"] + " 全年合计")
        total = 3 + n + 3 + 2 + n
        self.text(ws, "A%d" % total, "合计")
        self.text(ws, "B%d" % total, "tCO₂e")
        for c in range(3, ncol + 1):
            col = get_column_letter(c)
            parts = [self.wv[ws.title]["%s%d" % (col, total - n + i)].value for i in range(n)]
            parts = [0 if v == NA else v for v in parts]
            want = self.d["total_tco2e"] if c == ncol else sum(parts)
            self.number(ws, "%s%d" % (col, total), want, "total " + col, fmt=T2,
                        formula="=SUM(%s)" % rng("%s%d" % (col, total - n), "%s%d" % (col, total - 1)) if n else None)
            self.rounding(ws, want, parts, "合计 " + col)
        merged += self.notes(ws, total + 2, ncol)
        if ws.freeze_panes != "B5":
            self.fail("月度明细: panes frozen at %r, expected B5 (under the header, right of 排放源)" % ws.freeze_panes)
        if ws.print_title_rows != "$1:$4":
            self.fail("月度明细: print title rows %r, expected $1:$4 (through the header)" % ws.print_title_rows)
        self.merges(ws, merged)
        return total

    def records(self, ws, nrecords, nna):
        """活动数据明细: every A.5 row as entered (period, quantity with its unit, or "/" when 不适用),
        its 数据来源 and 备注; the quantities of each source add up to its A.5 figure when all are
        in its unit."""
        merged = self.heading(ws, RECORDS_SHEET, 6)
        self.headers(ws, 3, ["排放源", "排放设施名称", "期间", "数量", "数据来源", "备注"])
        rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if any(v is not None for v in r)]
        data = [r for r in rows if isinstance(r[3], (int, float)) or r[3] == NA]
        if nrecords is not None and len(data) != nrecords:
            self.fail("活动数据明细: %d rows, expected %d" % (len(data), nrecords))
        na = [r for r in data if r[3] == NA]
        if nna is not None and len(na) != nna:
            self.fail("活动数据明细: %d rows 不适用 (\"/\"), expected %d" % (len(na), nna))
        if not data and (not rows or rows[0][0] != "本年度没有活动数据。"):
            self.fail("活动数据明细: no rows and no no-data line")
        for i, r in enumerate(data):
            if not re.fullmatch(r"\d{4}年(第[1-4]季度|\d{1,2}月)?", str(r[2])):
                self.fail("活动数据明细 row %d: period %r" % (4 + i, r[2]))
        self.merges(ws, merged)

    def charts(self, ws, total):
        """The by-source chart, the by-month chart when there are monthly rows, the by-quarter one
        when there are quarterly rows; value axes from 0; every category label shown."""
        merged = self.heading(ws, CHART_SHEET, 10)
        for r in range(3, 5):
            v = ws["A%d" % r].value
            if isinstance(v, str) and v.startswith("按"):    # what a chart leaves out
                merged.append("A%d:J%d" % (r, r))
        self.merges(ws, merged)
        n = len(self.sources())
        mv = self.wv[MONTH_SHEET]
        monthly = n > 0 and any(mv[ref(r, c)].value for r in range(total - n, total) for c in range(3, 15))
        want = []
        q = "'%s'!" % MONTH_SHEET
        first, last = total - n, total - 1
        if n:
            want.append(("by source", q + rng("$A$%d" % first, "$A$%d" % last), q + rng("$T$%d" % first, "$T$%d" % last), n))
        if monthly:
            want.append(("by month", q + "$C$%d:$N$%d" % (first - 1, first - 1), q + "$C$%d:$N$%d" % (total, total), 12))
        if self.quarterly:
            want.append(("by quarter", q + "$O$%d:$R$%d" % (first - 1, first - 1), q + "$O$%d:$R$%d" % (total, total), 4))
        with zipfile.ZipFile(self.path) as z:
            names = sorted((x for x in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", x)),
                           key=lambda x: int(re.search(r"(\d+)\.xml$", x).group(1)))
            xml = [z.read(x).decode("utf-8") for x in names]
            xml = [x for x in xml if "'%s'!" % MONTH_SHEET in x]    # 图表's, not 碳绩效参数's
            drawing = z.read("xl/drawings/drawing1.xml").decode("utf-8") if n else ""
        if len(xml) != len(want):
            self.fail("expected %d charts (%s), found %d" % (len(want), [w[0] for w in want], len(xml)))
            return
        anchors = re.findall(r"<xdr:from><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                             r".*?<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>", drawing)
        for i, (x, (what, cats, vals, npoints)) in enumerate(zip(xml, want)):
            refs = re.findall(r"<c:f>([^<]*)</c:f>", x)
            if cats not in refs or vals not in refs:
                self.fail("chart %d (%s) references %s, expected %s and %s" % (i + 1, what, refs, cats, vals))
            if x.count("<c:ser>") != 1:
                self.fail("chart %d (%s): %d series, expected 1" % (i + 1, what, x.count("<c:ser>")))
            if len(re.findall(r"<c:pt idx=\"\d+\"><c:v>", x)) != 2 * npoints:
                self.fail("chart %d (%s): cached points %d, expected %d categories and values"
                          % (i + 1, what, len(re.findall(r"<c:pt idx=", x)), npoints))
            val = re.search(r"<c:valAx>.*?</c:scaling>", x)
            if val is None or '<c:min val="0"/>' not in val.group(0):
                self.fail("chart %d (%s): the value axis does not start at 0" % (i + 1, what))
            if '<c:tickLblSkip val="1"/>' not in x:
                self.fail("chart %d (%s): category labels may be skipped (no tickLblSkip 1)" % (i + 1, what))
            if FONT not in x:
                self.fail("chart %d (%s): no CJK font named" % (i + 1, what))
            if what == "by source" and i < len(anchors):
                rows = int(anchors[i][1]) - int(anchors[i][0])
                if rows * 24 < 26 * n:
                    self.fail("chart 1 (by source): %d rows high for %d sources, labels will not all show" % (rows, n))

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
                    if c.value is not None and c.font.name != FONT:
                        self.fail("%s!%s: font %r, expected %s" % (ws.title, c.coordinate, c.font.name, FONT))
                    if c.data_type == "s" and c.value[:1] in ("=", "+", "-", "@") and not c.quotePrefix:
                        self.fail("%s!%s: %r begins like a formula but has no quotePrefix"
                                  % (ws.title, c.coordinate, c.value))
                    if c.data_type == "s" and c.value[:1] not in ("=", "+", "-", "@") and c.quotePrefix:
                        self.fail("%s!%s: quotePrefix on %r" % (ws.title, c.coordinate, c.value))
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
            if xlsx_find.find_row(self.wv[names[0]], parts[1:]) is None:
                self.fail("%s: no row beginning %r" % (names[0], parts[1:]))

    def run(self, a1_values, row_specs, nentries, nrecords, nna=None):
        t = {k: v["title"] for k, v in self.forms.items()}
        want = ([t["A.%d" % i] for i in range(1, 7)] + [NOTES_SHEET, MONTH_SHEET, RECORDS_SHEET, CHART_SHEET]
                + PERF_SHEETS + NEUTRAL_SHEETS)
        if self.wf.sheetnames not in (want, want + [STATEMENT_SHEET], want + EVAL_SHEETS,
                                      want + [STATEMENT_SHEET] + EVAL_SHEETS):
            self.fail("sheets %s, expected %s" % (self.wf.sheetnames, want))
            return
        self.a1(self.wf[t["A.1"]], a1_values)
        self.a2(self.wf[t["A.2"]])
        self.a3(self.wf[t["A.3"]], nentries)
        self.a4(self.wf[t["A.4"]])
        self.a5(self.wf[t["A.5"]])
        self.a6(self.wf[t["A.6"]])
        self.factor_notes(self.wf[NOTES_SHEET])
        total = self.months(self.wf[MONTH_SHEET])
        self.records(self.wf[RECORDS_SHEET], nrecords, nna)
        self.charts(self.wf[CHART_SHEET], total)
        self.everywhere()
        self.rows(row_specs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xlsx")
    ap.add_argument("summary")
    ap.add_argument("--a1", action="append", default=[])
    ap.add_argument("--row", action="append", default=[])
    ap.add_argument("--entries", type=int)
    ap.add_argument("--records", type=int)
    ap.add_argument("--na-records", type=int)
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
    c.run(a1, a.row, a.entries, a.records, a.na_records)
    xlsx_find.report(c, a.xlsx)


if __name__ == "__main__":
    main()
