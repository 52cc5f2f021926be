"""Reading the first sheet of an uploaded XLSX workbook, bounded before anything parses it.

openpyxl's read-only mode trusts a sheet's declared <dimension> and pads every row to it, and
reads every shared string into memory: a file of a few KB can declare A1:XFD1048576, or
expand to gigabytes. So before openpyxl opens the file:

- the zip directory: at most MAX_MEMBERS parts, each at most MAX_PART_BYTES uncompressed and
  MAX_TOTAL_BYTES together, as declared (the zip reader never returns more than declared);
- every XML part is streamed through expat without DTDs and counted, keeping nothing of it:
  at most MAX_ELEMENTS elements (fewer in parts that are neither a sheet nor the shared
  strings);
- in each sheet, where the cells holding values really are (their r= references, not the
  <dimension>): rows up to MAX_ROW, columns up to MAX_COLUMN;
- all within TIME_LIMIT seconds, reading included.

openpyxl then reads no further than the last row and column that hold a value.
"""

from __future__ import annotations

import io
import re
import time
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

from flask_babel import lazy_gettext as _l

from portal.errors import PortalError

MAX_MEMBERS = 300
MAX_PART_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_ELEMENTS = 200_000  # a sheet or the shared strings (5,000 rows of 6 cells: under 100,000)
MAX_OTHER_ELEMENTS = 20_000  # styles, workbook, relationships …
MAX_ROW = 10_000
MAX_COLUMN = 50
TIME_LIMIT = 10.0
BIG_PARTS = ("worksheet", "sst")  # root elements of sheets and of the shared strings
CHUNK = 64 * 1024
CELL_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class WorkbookRefused(PortalError):
    message = _l("The file could not be read as CSV or Excel (.xlsx).")


def _too_big() -> WorkbookRefused:
    return WorkbookRefused(_l(
        "This workbook is too large to import: it would take up more than %(mb)d MB once "
        "unpacked. Please save only the table of enterprises, or save it as CSV.",
        mb=MAX_TOTAL_BYTES // (1024 * 1024)))


def _too_wide() -> WorkbookRefused:
    return WorkbookRefused(_l(
        "The sheet has values beyond row %(rows)d or column %(column)s. Please remove what is "
        "not part of the table of enterprises, or save it as CSV.",
        rows=MAX_ROW, column=_column_letters(MAX_COLUMN)))


def _too_slow() -> WorkbookRefused:
    return WorkbookRefused(_l(
        "Reading this workbook took too long. Please save it again, or save it as CSV."))


@dataclass
class Extent:
    """The last row and column (1-based) holding a value, in any sheet."""

    rows: int = 0
    columns: int = 0


class _Clock:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _too_slow()


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _declared_member_count(data: bytes) -> int | None:
    """Entries in the zip's end-of-directory record, read before zipfile builds a list of
    them all (None when there is no such record: zipfile then refuses the file)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return None
    return int.from_bytes(data[end + 10:end + 12], "little")


def _check_directory(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if (len(members) > MAX_MEMBERS
            or any(member.file_size > MAX_PART_BYTES for member in members)
            or sum(member.file_size for member in members) > MAX_TOTAL_BYTES):
        raise _too_big()
    return [member for member in members
            if member.filename.lower().endswith((".xml", ".rels", ".vml"))]


class _PartScanner:
    """Counts a part's elements as expat streams it, and notes where a sheet's values are:
    nothing of the document is kept. DTDs (and so entities) are refused."""

    def __init__(self, extent: Extent, clock: _Clock):
        self.extent, self.clock = extent, clock
        self.limit = MAX_OTHER_ELEMENTS
        self.count = self.depth = self.row = self.column = 0
        self.cell_depth = 0  # the depth of the open <c>, 0 outside one
        self.has_value = False

    def start(self, name: str, attributes: dict) -> None:
        local = name.rpartition(" ")[2]
        self.count += 1
        self.depth += 1
        if self.depth == 1 and local in BIG_PARTS:
            self.limit = MAX_ELEMENTS
        if self.count > self.limit:
            raise _too_big()
        if self.count % 10_000 == 0:
            self.clock.check()
        if local == "row":
            r = attributes.get("r", "")
            self.row, self.column = (int(r) if r.isdigit() else self.row + 1), 0
        elif local == "c" and not self.cell_depth:
            self.cell_depth, self.has_value = self.depth, False
            match = CELL_REFERENCE.fullmatch(attributes.get("r", ""))
            self.column = _column_number(match.group(1)) if match else self.column + 1
            if match:
                self.row = int(match.group(2))
        elif local in ("v", "is") and self.depth == self.cell_depth + 1:
            self.has_value = True

    def end(self, name: str) -> None:
        if self.depth == self.cell_depth:
            self.cell_depth = 0
            if self.has_value:
                if self.row > MAX_ROW or self.column > MAX_COLUMN:
                    raise _too_wide()
                self.extent.rows = max(self.extent.rows, self.row)
                self.extent.columns = max(self.extent.columns, self.column)
        self.depth -= 1

    def scan(self, stream) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler, parser.EndElementHandler = self.start, self.end
        parser.StartDoctypeDeclHandler = _no_dtd
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _no_dtd(*args) -> None:
    raise WorkbookRefused()


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_workbook(data: bytes, clock: _Clock | None = None) -> Extent:
    """The extent of the values in the workbook's sheets; raises WorkbookRefused when the
    file is not a workbook or passes a bound."""
    clock = clock or _Clock(TIME_LIMIT)
    declared = _declared_member_count(data)
    if declared is not None and declared > MAX_MEMBERS:
        raise _too_big()
    extent = Extent()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in _check_directory(archive):
                with archive.open(member) as stream:
                    _PartScanner(extent, clock).scan(stream)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, expat.ExpatError, ValueError, OSError, EOFError,
            NotImplementedError) as error:
        raise WorkbookRefused() from error
    return extent


def xlsx_rows(data: bytes) -> Iterator[list[object]]:
    """The first sheet's rows as lists of cell values, once the file passed check_workbook();
    raises WorkbookRefused."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    clock = _Clock(TIME_LIMIT)
    extent = check_workbook(data, clock)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException) as error:
        raise WorkbookRefused() from error
    try:
        rows = book.worksheets[0].iter_rows(max_row=max(extent.rows, 1),
                                            max_col=max(extent.columns, 1), values_only=True)
        for number, values in enumerate(rows):
            if number % 500 == 0:
                clock.check()
            yield list(values)
    except WorkbookRefused:
        raise
    except Exception as error:  # a broken sheet inside a valid zip: the file is unusable
        raise WorkbookRefused() from error
    finally:
        book.close()
