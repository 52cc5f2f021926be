"""Lists downloaded as spreadsheets (audit log, enterprises, receipt reports, study records):
XLSX written row by row into a workbook on disk and streamed, and CSV with a BOM (so Excel
reads the Chinese), streamed as it is written.

openpyxl's write-only mode keeps each sheet's rows in a temporary file, so a download of a
large log holds one row in memory at a time. Every text cell that a spreadsheet program
could take for a formula (it starts with = + - @, or a tab or carriage return) is
neutralised with a leading apostrophe, so a name typed as "=HYPERLINK(…)" never runs when
staff open the file; `restore` takes the apostrophe off again when such a file is imported
back. Times are shown in Beijing time.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from urllib.parse import quote

from flask import Response, stream_with_context
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from portal.dates import SHANGHAI

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024


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


def _local(value):
    """A moment in Beijing time, without its zone (spreadsheets keep none)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(SHANGHAI).replace(tzinfo=None)
    return value


def _value(value):
    """A cell's value as openpyxl writes it: neutralised text (so never a formula: openpyxl
    takes a text starting with = for one, and none does now), numbers, dates."""
    return neutralise(_local(value))


def _text(value) -> str:
    """A CSV cell: empty for None, times as yyyy-mm-dd hh:mm in Beijing time."""
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return neutralise(value)


def xlsx_response(filename: str, sheet_title: str, header: Sequence[str],
                  rows: Iterable[Sequence], widths: Sequence[int] = ()) -> Response:
    """An .xlsx attachment: a bold header row, then the rows (text, numbers, dates and
    datetimes), written to a temporary file and streamed."""
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
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the generator)
    book.save(spool)
    size = spool.tell()
    spool.seek(0)

    def generate() -> Iterator[bytes]:
        with spool:
            while chunk := spool.read(CHUNK):
                yield chunk

    return Response(generate(), mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": _disposition(filename), "Content-Length": str(size),
        "Cache-Control": "no-store"})


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A CSV attachment (UTF-8 with BOM), streamed as it is written."""

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow([_text(str(cell)) for cell in header])
        for n, row in enumerate(rows, start=1):
            writer.writerow([_text(cell) for cell in row])
            if n % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": _disposition(filename),
                             "Cache-Control": "no-store"})


def _disposition(filename: str) -> str:
    """An attachment named `filename`, Chinese included (filename*), with an ASCII fallback."""
    ascii_name = filename.encode("ascii", "ignore").decode().strip() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
