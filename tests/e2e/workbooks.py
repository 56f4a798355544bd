"""Workbooks as offices produce them, for tests/e2e/t_workbooks.sh: written
by openpyxl (.xlsx) and xlwt (.xls), the Debian packages python3-openpyxl
and python3-xlwt, with number formats, formulas, dates and several sheets;
and a template filled in as a person would, then saved as Excel saves.

    workbooks.py office-xlsx OUT        fixtures/office-2023-08.csv as a combined workbook
    workbooks.py office-xls OUT [--formulas]
                                        the same as an Excel 97-2003 workbook;
                                        with --formulas, amounts, a note, a
                                        percent growth and a date are
                                        formulas with their values saved
    workbooks.py fill IN OUT UNIT:INDICATOR=VALUE...
                                        types values into a template's rows
    workbooks.py fill-in-place FILE UNIT:INDICATOR=VALUE[|NOTE]...
                                        the same by editing the file's XML, so
                                        that it stays as its writer wrote it
    workbooks.py excel-save FILE [CELL=CACHED...]
                                        what saving in Excel changes: formulas
                                        get their values (those given), the
                                        workbook is no longer marked stale
    workbooks.py inspect FILE           a template's sheets, validations and
                                        protection, one line each
    workbooks.py xls-misplace-sheet FILE SHEET
                                        damages an .xls: its workbook says
                                        SHEET starts 4 bytes after it does
    workbooks.py sheet OUT [--1904] ROW...
                                        one sheet 报表 of comma-separated rows

A VALUE for fill is a number (7.3), pct:0.095 (a percent-formatted cell),
date:2023-06-20 (a date cell), =FORMULA, or text.
"""
import datetime
import re
import shutil
import struct
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter


def percent(cell, value, fmt="0.0%"):
    cell.value = value
    cell.number_format = fmt


def day(cell, text, fmt="yyyy-mm-dd"):
    cell.value = datetime.date.fromisoformat(text)
    cell.number_format = fmt


def typed(cell, value):
    """A value typed into a cell: see fill's VALUE; "" leaves it empty."""
    if value.startswith("pct:"):
        percent(cell, float(value[4:]))
    elif value.startswith("date:"):
        day(cell, value[5:])
    elif value.startswith("="):
        cell.value = value
    elif value:
        try:
            cell.value = float(value)
        except ValueError:
            cell.value = value


def office_xlsx(out):
    """office-2023-08.csv's figures: an instructions sheet, 区发改局's sheet
    in the long form (names for ids, a percent growth, a date for the task,
    an amount with thousands separators), 区经信局's in the wide form (the
    period a date cell, the empty note left out), a summary by formulas."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes["A1"] = "请各单位于每月5日前报送"
    drc = wb.create_sheet("区发改局")
    drc.append(["单位", "指标", "期间", "数值", "备注"])
    drc.append(["区发改局", "规上工业产值", "2023-08", 7.3, "含新投产企业"])
    drc["D2"].number_format = "#,##0.00"
    drc.append(["drc", "retail_growth", "2023-08"])
    percent(drc["D3"], 0.095)
    drc.append(["drc", "policy", "2023-08"])
    day(drc["D4"], "2023-06-20", 'yyyy"年"m"月"d"日"')
    econ = wb.create_sheet("区经信局")
    econ.append(["unit", "period", "output", "retail_growth", "note"])
    econ.append(["econ", None, 6.25])
    day(econ["B2"], "2023-08-01", "yyyy-mm")
    percent(econ["D2"], 0.078, "0.00%")
    total = wb.create_sheet("汇总")
    total["A1"] = "合计"
    total["B1"] = "=区发改局!D2+区经信局!C2"
    wb.save(out)


SAVED = {}  # id(xlwt.Formula): (the formula, the value saved with it)


def xlwt_saving_values():
    """xlwt, made to save a value with a formula when one is given, as
    programs that compute their formulas do: xlwt itself computes nothing
    and saves an empty text with every formula. A number goes into the
    FORMULA record, a text into a STRING record after it."""
    import xlwt
    from xlwt import Cell
    plain = Cell.FormulaCell.get_biff_data

    def record(rec_id, body):
        return struct.pack("<HH", rec_id, len(body)) + body

    def with_value(cell):
        if id(cell.frmla) not in SAVED:
            return plain(cell)
        value = SAVED[id(cell.frmla)][1]
        text = b""
        if isinstance(value, str):
            result = struct.pack("<Q", 0xFFFF000000000000)
            text = record(0x0207, struct.pack("<HB", len(value), 1) + value.encode("utf-16-le"))
        else:
            result = struct.pack("<d", value)
        body = (struct.pack("<3H", cell.rowx, cell.colx, cell.xf_idx) + result +
                struct.pack("<HL", 0, 0) + cell.frmla.rpn())
        return record(0x0006, body) + text
    Cell.FormulaCell.get_biff_data = with_value
    return xlwt


def xls_formula(text, saved=None):
    """A formula for xlwt; with the value saved (a number or a text)."""
    import xlwt
    f = xlwt.Formula(text)
    if saved is not None:
        SAVED[id(f)] = (f, saved)
    return f


def office_xls(out, formulas=False):
    """The same figures as an .xls: xlwt writes no percent a reader can
    see through FreeXL, so the growths are typed as 9.5 and as text. With
    formulas, the amounts, a note, a percent growth and the task's date
    are formulas whose values are saved, and a summary sheet adds them up."""
    xlwt = xlwt_saving_values()
    wb = xlwt.Workbook(encoding="utf-8")
    wb.add_sheet("填表说明").write(0, 0, "请各单位于每月5日前报送")
    drc = wb.add_sheet("区发改局")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    output, note, growth, done = 7.3, "含新投产企业", "9.5%", datetime.date(2023, 6, 20)
    econ_output = 6.25
    if formulas:
        output = xls_formula("3+4.3", 7.3)
        note = xls_formula('"含新投产"&"企业"', "含新投产企业")
        growth = (xls_formula("0.19/2", 0.095), xlwt.easyxf(num_format_str="0.0%"))
        done = (xls_formula("DATE(2023,6,20)", 45097.0), dated)
        econ_output = xls_formula("6+0.25", 6.25)
    if isinstance(done, datetime.date):
        done = (done, dated)
    rows = [["单位", "指标", "期间", "数值", "备注"],
            ["区发改局", "规上工业产值", "2023-08", output, note],
            ["drc", "retail_growth", "2023-08", growth],
            ["drc", "policy", "2023-08", done]]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            drc.write(r, c, *(v if isinstance(v, tuple) else (v,)))
    econ = wb.add_sheet("区经信局")
    for c, v in enumerate(["unit", "period", "output", "retail_growth", "note"]):
        econ.write(0, c, v)
    for c, v in enumerate(["econ", "2023-08", econ_output, 7.8]):
        econ.write(1, c, v)
    if formulas:
        wb.add_sheet("汇总").write(0, 0, xls_formula("区发改局!D2+区经信局!C2", 13.55))
    wb.save(out)


def header_columns(ws):
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def fill(src, out, specs):
    """Types each UNIT:INDICATOR=VALUE into the value cell of its row;
    prints the cells (sheet!J2), in the order given."""
    wb = openpyxl.load_workbook(src)
    wanted = {}
    for spec in specs:
        key, value = spec.split("=", 1)
        wanted[tuple(key.split(":"))] = value
    done = {}  # (unit, indicator): the cell typed into
    for ws in wb.worksheets:
        cols = header_columns(ws)
        if not {"unit", "indicator", "value"} <= cols.keys():
            continue
        for row in range(2, ws.max_row + 1):
            key = (ws.cell(row, cols["unit"]).value, ws.cell(row, cols["indicator"]).value)
            if key not in wanted:
                continue
            cell = ws.cell(row, cols["value"])
            typed(cell, wanted[key])
            done[key] = "%s!%s%d" % (ws.title, get_column_letter(cell.column), row)
    missing = set(wanted) - set(done)
    assert not missing, "no row for %s" % missing
    wb.save(out)
    for key in wanted:
        print(done[key])


def fill_in_place(path, specs):
    """Types values into a workbook's value cells by editing its XML, as
    Excel saves a cell typed into: the cell keeps its style (a template's
    date cell stays one), a number as <v>, text as an inline string, a
    note beside it; the rest of the file is as its writer wrote it."""
    wb = openpyxl.load_workbook(path)
    edits = {}  # sheet index: {cell: (value, note)}
    for spec in specs:
        key, value = spec.split("=", 1)
        unit, indicator = key.split(":")
        value, _, note = value.partition("|")
        for index, ws in enumerate(wb.worksheets):
            cols = header_columns(ws)
            if not {"unit", "indicator", "value"} <= cols.keys():
                continue
            for row in range(2, ws.max_row + 1):
                if (ws.cell(row, cols["unit"]).value, ws.cell(row, cols["indicator"]).value) == (unit, indicator):
                    ref = "%s%d" % (get_column_letter(cols["value"]), row)
                    noted = "%s%d" % (get_column_letter(cols["note"]), row)
                    edits.setdefault(index + 1, {})[ref] = value
                    if note:
                        edits[index + 1][noted] = note

    def cell_xml(ref, style, value):
        try:
            float(value)
            return '<c r="%s"%s><v>%s</v></c>' % (ref, style, value)
        except ValueError:
            return '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, style, value)

    def change(parts):
        for index, cells in edits.items():
            name = "xl/worksheets/sheet%d.xml" % index
            xml = parts[name].decode()
            for ref, value in cells.items():
                xml, n = re.subn(r'<c r="%s"( s="\d+")?[^>]*/>' % ref,
                                 lambda m: cell_xml(ref, m.group(1) or "", value), xml)
                assert n == 1, "no empty cell %s in %s" % (ref, name)
            parts[name] = xml.encode()
    rewrite(path, change)


def rewrite(path, change):
    src = zipfile.ZipFile(path)
    parts = {n: src.read(n) for n in src.namelist()}
    src.close()
    change(parts)
    with zipfile.ZipFile(path + ".new", "w", zipfile.ZIP_DEFLATED) as out:
        for n, data in parts.items():
            out.writestr(n, data)
    shutil.move(path + ".new", path)


def excel_save(path, cached):
    values = dict(c.split("=", 1) for c in cached)

    def change(parts):
        parts["xl/workbook.xml"] = re.sub(rb' fullCalcOnLoad="1"', b"",
                                          parts["xl/workbook.xml"])
        for name in parts:
            if not name.startswith("xl/worksheets/sheet"):
                continue
            xml = parts[name].decode()
            for ref, v in values.items():
                xml = re.sub(r'(<c r="%s"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?' % ref,
                             r"\1<f>\2</f><v>%s</v>" % v, xml)
            parts[name] = xml.encode()
    rewrite(path, change)


def inspect(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        print("sheet %s protected=%s password=%s" % (ws.title, ws.protection.sheet,
                                                     ws.protection.password or ""))
        for dv in ws.data_validations.dataValidation:
            print("validation %s %s %s %s|%s|%s" % (ws.title, dv.sqref, dv.type,
                                                     dv.formula1 or "", dv.promptTitle or "",
                                                     dv.prompt or ""))
        for row in ws.iter_rows():
            for c in row:
                if c.protection.locked is False:
                    print("unlocked %s %s" % (ws.title, c.coordinate))
        for row in ws.iter_rows(values_only=True):
            print("row %s %s" % (ws.title, "|".join("" if v is None else str(v) for v in row)))


def sheet(out, rows):
    wb = openpyxl.Workbook()
    if rows[0] == "--1904":
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        wb.epoch = CALENDAR_MAC_1904
        rows = rows[1:]
    ws = wb.active
    ws.title = "报表"
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row.split(","), 1):
            typed(ws.cell(r, c), v)
    wb.save(out)


def xls_sheet(out, name, rows):
    """An .xls of one sheet: each row's cells split at ','; "num:7.8" is a
    number, "pct:0.095" a number shown as a percentage, "=3+4.3" a
    formula saved without a value as xlwt saves it, "=3+4.3|7.3" one saved
    with its value, the rest text."""
    xlwt = xlwt_saving_values()
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(name)
    pct = xlwt.easyxf(num_format_str="0.0%")
    for r, row in enumerate(rows):
        for c, v in enumerate(row.split(",")):
            if v.startswith("pct:"):
                ws.write(r, c, float(v[4:]), pct)
            elif v.startswith("num:"):
                ws.write(r, c, float(v[4:]))
            elif v.startswith("="):
                text, _, saved = v[1:].partition("|")
                ws.write(r, c, xls_formula(text, float(saved) if saved else None))
            else:
                ws.write(r, c, v)
    wb.save(out)


def xls_misplace_sheet(path, name):
    """Moves the offset of SHEET's BOUNDSHEET record (xlwt writes the name
    as UTF-16 after the offset, visibility and type) 4 bytes on."""
    data = bytearray(open(path, "rb").read())
    title = name.encode("utf-16-le")
    at = data.find(bytes([len(name), 1]) + title) - 10
    assert at >= 0 and data[at:at + 2] == b"\x85\x00", "no BOUNDSHEET for " + name
    offset = struct.unpack_from("<L", data, at + 4)[0]
    struct.pack_into("<L", data, at + 4, offset + 4)
    open(path, "wb").write(bytes(data))


def main(argv):
    cmd = argv[1]
    if cmd == "office-xlsx":
        office_xlsx(argv[2])
    elif cmd == "office-xls":
        office_xls(argv[2], argv[3:] == ["--formulas"])
    elif cmd == "fill":
        fill(argv[2], argv[3], argv[4:])
    elif cmd == "fill-in-place":
        fill_in_place(argv[2], argv[3:])
    elif cmd == "excel-save":
        excel_save(argv[2], argv[3:])
    elif cmd == "inspect":
        inspect(argv[2])
    elif cmd == "sheet":
        sheet(argv[2], argv[3:])
    elif cmd == "xls-misplace-sheet":
        xls_misplace_sheet(argv[2], argv[3])
    elif cmd == "xls-sheet":
        xls_sheet(argv[2], argv[3], argv[4:])
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv)
