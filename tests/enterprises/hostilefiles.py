"""Hostile workbooks for the import's bounds: small files that declare or unpack to a lot."""

from __future__ import annotations

import io
import zipfile

from tests.enterprises.importfiles import GOOD_ROWS, xlsx_bytes

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = (b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
               b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>')


def rebuilt(parts: dict[str, bytes], data: bytes | None = None) -> bytes:
    """A copy of a good workbook (or `data`) with these parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(data or xlsx_bytes(GOOD_ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename not in parts:
                archive.writestr(info.filename, source.read(info.filename))
        for name, content in parts.items():
            archive.writestr(name, content, compresslevel=6)
    return out.getvalue()


def sheet(rows: bytes, dimension: bytes = b"A1:XFD1048576") -> bytes:
    """A worksheet part declaring `dimension`, with a header row and `rows` after it."""
    header = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (column, name)
                      for column, name in ((b"A", "企业名称".encode()),
                                           (b"B", "统一社会信用代码".encode())))
    return (b'<worksheet xmlns="' + MAIN + b'"><dimension ref="' + dimension + b'"/><sheetData>'
            + b'<row r="1">' + header + b"</row>" + rows + b"</sheetData></worksheet>")


def value_row(number: int, column: bytes = b"A", text: bytes = b"x") -> bytes:
    return (b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>%s</t></is></c></row>'
            % (number, column, number, text))


def with_shared_strings(strings: bytes) -> bytes:
    """A good workbook whose shared-strings part (declared, so openpyxl reads it) is
    `strings`: the <si> elements inside <sst>."""
    base = xlsx_bytes(GOOD_ROWS)
    source = zipfile.ZipFile(io.BytesIO(base))
    types = source.read("[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + STRINGS_TYPE
        + b'"/></Types>'))
    rels = source.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", STRINGS_REL + b"</Relationships>")
    part = b'<sst xmlns="' + MAIN + b'">' + strings + b"</sst>"
    return rebuilt({"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                    "xl/sharedStrings.xml": part}, base)


def many_parts(count: int) -> bytes:
    return rebuilt({f"xl/media/blank{n}.xml": b"<a/>" for n in range(count)})
