"""Reading the agencies' files: CSV in any of the usual encodings and separators, and XLSX workbooks.

A `Table` is the headings and the data rows of one sheet, each row with the file's own row number
(the line of the CSV, the row of the worksheet), so that every message points at the row the user
sees in Excel. Title rows above the headings are skipped; merged cells are filled with their value
(a heading spanning two columns names both, a case number merged over three item rows belongs to all
three); empty rows are dropped.
"""
from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .fields import field_for_heading

#: How many rows at the top of a sheet may be titles before the headings.
HEADER_SEARCH_ROWS = 15
CSV_SEPARATORS = ";,\t|"


class FileReadError(ValueError):
    """The file cannot be read as a table (wrong format, no headings...)."""


@dataclass
class Table:
    headings: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (row number in the file, cells)
    header_row: int = 1
    encoding: str = ""
    separator: str = ""


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), else Windows-1251 (Russian Excel's CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1251"), "cp1251"


def sniff_separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS + 5])
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_SEPARATORS).delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in CSV_SEPARATORS}
        return max(counts, key=counts.get)


def sheet_names(data: bytes) -> list[str]:
    """The worksheets of an XLSX file (a CSV has one unnamed sheet)."""
    if not is_xlsx(data):
        return []
    workbook = _open_workbook(data)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _open_workbook(data: bytes):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise FileReadError(_("The workbook cannot be opened: %(error)s") % {"error": exc}) from exc


def _csv_rows(data: bytes) -> tuple[list[tuple[int, list[object]]], str, str]:
    text, encoding = decode_text(data)
    separator = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows, start = [], 1
    for cells in reader:
        rows.append((start, list(cells)))
        start = reader.line_num + 1
    return rows, encoding, separator


def _xlsx_rows(data: bytes, sheet: str | None) -> list[tuple[int, list[object]]]:
    workbook = _open_workbook(data)
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise FileReadError(_("The workbook has no sheet named “%(sheet)s”.") % {"sheet": sheet})
        ws = workbook[sheet] if sheet else workbook.worksheets[0]
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                row = grid[r]
                for c in range(merged.min_col - 1, merged.max_col):
                    if c < len(row):
                        row[c] = value
        return [(index + 1, row) for index, row in enumerate(grid)]
    finally:
        workbook.close()


def _is_empty(cells: list[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _score(cells: list[object]) -> int:
    return len({f for f in (field_for_heading(c) for c in cells if isinstance(c, str)) if f})


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def read_table(data: bytes, sheet: str | None = None) -> Table:
    """The headings and data rows of a CSV file or of one sheet of an XLSX workbook."""
    encoding = separator = ""
    if is_xlsx(data):
        rows = _xlsx_rows(data, sheet)
    else:
        rows, encoding, separator = _csv_rows(data)
    rows = [(n, cells) for n, cells in rows if not _is_empty(cells)]
    if not rows:
        raise FileReadError(_("The file has no rows."))
    top = rows[:HEADER_SEARCH_ROWS]
    scores = [_score(cells) for _n, cells in top]
    best = max(range(len(top)), key=lambda i: (scores[i], i))
    if scores[best] < 2:
        raise FileReadError(_("No row of headings was found in the first %(n)d rows of the file.")
                            % {"n": HEADER_SEARCH_ROWS})
    headings = [_cell_text(c) for c in top[best][1]]
    if best > 0 and scores[best - 1] >= 1:  # a group heading row above (merged cells over sub-headings)
        above = [_cell_text(c) for c in top[best - 1][1]]
        for i, upper in enumerate(above):
            lower = headings[i] if i < len(headings) else ""
            if not field_for_heading(lower) and field_for_heading(upper):
                if i < len(headings):
                    headings[i] = upper
                else:
                    headings.append(upper)
    width = len(headings)
    while width and not headings[width - 1]:
        width -= 1
    data_rows = [(n, list(cells[:width]) + [None] * (width - len(cells))) for n, cells in rows[best + 1:]]
    return Table(headings=headings[:width], rows=data_rows, header_row=top[best][0],
                 encoding=encoding, separator=separator)
