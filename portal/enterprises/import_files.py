"""An import file read into a table of raw text by field: a CSV in its encoding (UTF-8 with
or without BOM, GB18030 as Excel in China writes it, UTF-16 "Unicode text") or an XLSX
workbook; the header row matched to the columns by their Chinese or English names; the
file's bounds. Checking and importing the rows is importing.py.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from flask_babel import lazy_gettext as _l

from portal.enterprises.workbooks import MAX_COLUMN, WorkbookRefused, xlsx_rows
from portal.errors import PortalError

MAX_ROWS = 5000
MAX_COLUMNS = MAX_COLUMN
MAX_FILE_BYTES = 5 * 1024 * 1024  # 5,000 rows take some hundred KB

# field -> (column label, accepted headers, longest value)
COLUMNS = {
    "name_zh": (_l("Chinese name"), ("name_zh", "企业名称", "中文名称", "企业中文名称", "名称",
                                     "chinese name", "name"), 200),
    "name_en": (_l("English name"), ("name_en", "英文名称", "企业英文名称", "english name"), 300),
    "credit_code": (_l("Unified social credit code"), (
        "credit_code", "统一社会信用代码", "社会信用代码", "信用代码", "credit code",
        "unified social credit code"), 18),
    "level": (_l("Membership level"), ("level", "会员级别", "会员等级", "级别", "membership level"),
              40),
    "joined_on": (_l("Joined on"), ("joined_on", "入会日期", "入会时间", "joined on"), 40),
    "expires_on": (_l("Membership expires on"), (
        "expires_on", "到期日期", "会籍到期日期", "会籍到期日", "有效期至", "expires on",
        "membership expires on"), 40),
    "contact_name": (_l("Primary contact"), (
        "contact_name", "主要联系人", "联系人", "联系人姓名", "contact name", "primary contact"),
        100),
    "contact_email": (_l("Primary contact's e-mail"), (
        "contact_email", "主要联系人邮箱", "联系人邮箱", "联系人电子邮箱", "contact email",
        "primary contact's e-mail"), 254),
}
REQUIRED_COLUMNS = ("name_zh", "credit_code")


class ImportFileError(PortalError):
    """The file as a whole cannot be used (unreadable, no header, columns missing, too long)."""

    message = _l("The file could not be read as CSV or Excel (.xlsx).")


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (row number, raw text by field)


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportFileError(_l(
            "The file's text is neither UTF-8 nor GB18030. Please save it again as "
            "\"CSV UTF-8\" or as an Excel workbook.")) from error


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def cell_text(value) -> str:
    """A spreadsheet cell as text: dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> Iterable[list[str]]:
    try:
        for values in xlsx_rows(data):
            yield [cell_text(v) for v in values]
    except WorkbookRefused as error:
        raise ImportFileError(error.message) from error


def _match_header(cells: list[str]) -> dict[str, int]:
    wanted = {alias.casefold(): name for name, (_, aliases, _) in COLUMNS.items()
              for alias in aliases}
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = " ".join(cell.replace("_", " ").split()).casefold()
        name = wanted.get(key) or wanted.get(cell.strip().casefold())
        if name and name not in columns:
            columns[name] = index
    return columns


def read_table(filename: str, data: bytes) -> Table:
    """The rows of the file by field, blank rows left out. Raises ImportFileError."""
    suffix = Path(filename or "").suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_l("The file is larger than %(mb)d MB. Please split it.",
                                 mb=MAX_FILE_BYTES // (1024 * 1024)))
    if suffix == ".xlsx":
        source = _xlsx_rows(data)
    elif suffix == ".csv":
        source = _csv_rows(data)
    else:
        raise ImportFileError(_l("Please choose a .csv or .xlsx file."))
    try:
        numbered = enumerate(source, start=1)
        header = next((cells for _, cells in numbered if any(c.strip() for c in cells)), None)
        if header is None:
            raise ImportFileError(_l("The file is empty."))
        columns = _match_header(header)
        missing = [str(COLUMNS[name][0]) for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise ImportFileError(_l(
                "The first row must name the columns; missing: %(columns)s.",
                columns=", ".join(missing)))
        rows = []
        for number, cells in numbered:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(_l("A row has more than %(max)d columns.", max=MAX_COLUMNS))
            if len(rows) == MAX_ROWS:
                raise ImportFileError(_l(
                    "The file has more than %(max)d rows. Please split it.", max=MAX_ROWS))
            rows.append((number, {name: cells[i] if i < len(cells) else ""
                                  for name, i in columns.items()}))
    except csv.Error as error:
        raise ImportFileError() from error
    if not rows:
        raise ImportFileError(_l("The file has no rows below its header."))
    return Table(rows=rows)
