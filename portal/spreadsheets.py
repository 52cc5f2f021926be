"""Excel downloads: rows written one by one into a workbook on disk and streamed to the browser.

openpyxl's write-only mode keeps each sheet's rows in a temporary file, so a download of a
large log holds one row in memory at a time, and the response reads the finished file in
chunks. Every text cell that a spreadsheet program could take for a formula (it starts with
= + - @, or a tab or carriage return) is neutralised with a leading apostrophe, as for CSV;
`restore` takes the apostrophe off again when such a file is imported back.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime

from flask import Response, send_file
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text that a spreadsheet would read as a formula, made plain text; other values as
    they are."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def restore(text: str) -> str:
    """The value neutralise() was given, from its text in an imported file."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _value(value):
    """A cell's value as openpyxl writes it: neutralised text (so never a formula: openpyxl
    takes a text starting with = for one, and none does now), numbers, dates."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        raise ValueError("convert datetimes to the reader's time zone first")
    return neutralise(value)


def xlsx_response(filename: str, sheet_title: str, header: Sequence[str],
                  rows: Iterable[Sequence], widths: Sequence[int] = ()) -> Response:
    """An .xlsx attachment: a bold header row, then the rows (text, numbers, dates and naive
    local datetimes), written to a temporary file and streamed."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for title in header:
        cell = WriteOnlyCell(sheet, neutralise(str(title)))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    # Plain values, not a cell object each: openpyxl's own cells cost more than the writing.
    for row in rows:
        sheet.append([_value(value) for value in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the response when sent)
    book.save(spool)
    spool.seek(0)
    response = send_file(spool, mimetype=XLSX_MIMETYPE, as_attachment=True,
                         download_name=filename, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
