"""Lists downloaded as spreadsheets (receipt reports, study records): CSV with a BOM (so
Excel reads the Chinese) and XLSX (openpyxl's write-only mode, memory bounded), both
streamed, every text cell neutralised.

A cell that starts with = + - @ (or a tab or carriage return) is taken for a formula by a
spreadsheet program, so a name typed as "=HYPERLINK(…)" would run when staff open the file:
such a cell gets a leading apostrophe. openpyxl would also store a string beginning with
"=" as a formula itself.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from urllib.parse import quote

from flask import Response, stream_with_context

from portal.i18n import SHANGHAI

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value safe to open: text starting like a formula gets an apostrophe; times
    become Beijing time as text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> Response:
    """A streamed CSV download (UTF-8 with BOM)."""

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow([neutralise(cell) for cell in header])
        for n, row in enumerate(rows, start=1):
            writer.writerow([neutralise(cell) for cell in row])
            if n % 200 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(generate()), mimetype="text/csv",
                    headers={"Content-Disposition": _disposition(filename),
                             "Cache-Control": "no-store"})


def xlsx_response(filename: str, sheet: str, header: list[str], rows: Iterable[list]
                  ) -> Response:
    """An XLSX download: written row by row to a temporary file (openpyxl write-only), then
    streamed from it in chunks."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.append([neutralise(cell) for cell in header])
    for row in rows:
        worksheet.append([neutralise(cell) for cell in row])
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the generator)
    workbook.save(spool)
    size = spool.tell()
    spool.seek(0)

    def generate() -> Iterator[bytes]:
        with spool:
            while chunk := spool.read(CHUNK):
                yield chunk

    return Response(generate(), mimetype=XLSX_TYPE,
                    headers={"Content-Disposition": _disposition(filename),
                             "Content-Length": str(size), "Cache-Control": "no-store"})
