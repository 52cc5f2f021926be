"""Small valid files made in code: the demo attachments and the tests' uploads."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def pdf_document(title: str, lines: list[str] | None = None) -> bytes:
    """A one-page PDF; Chinese text uses the standard STSong-Light CID font (no embedding)."""
    lines = [title, *(lines or [])]
    text_ops = ["BT", "/F1 16 Tf", "56 780 Td", "22 TL"]
    for i, line in enumerate(lines):
        if i == 1:
            text_ops.append("/F1 11 Tf")
        text_ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def png_image(width: int = 8, height: int = 8, rgb=(163, 22, 26)) -> bytes:
    """A plain-coloured PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))


def docx_document(text: str) -> bytes:
    """A minimal Word document (OOXML package)."""
    from xml.sax.saxutils import escape

    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            f'"application/xml"/><Override PartName="/word/document.xml" ContentType="{main}"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{escape(text)}</w:t></w:r></w:p></w:body></w:document>"),
    }
    return _package(files)


def _package(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():  # a fixed date: the same text, the same bytes
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content,
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xlsx_workbook(rows: list[list]) -> bytes:
    """A one-sheet Excel workbook (openpyxl), dated 2026-01-01 so the bytes stay the same."""
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.properties.created = workbook.properties.modified = datetime(2026, 1, 1)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_presentation(title: str) -> bytes:
    """A minimal PowerPoint package (OOXML) with the title in its one slide's text."""
    from xml.sax.saxutils import escape

    main = "application/vnd.openxmlformats-officedocument.presentationml"
    return _package({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            f'"application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="{main}'
            f'.presentation.main+xml"/><Override PartName="/ppt/slides/slide1.xml" ContentType='
            f'"{main}.slide+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="ppt/presentation.xml"/></Relationships>'),
        "ppt/presentation.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.'
            'openxmlformats.org/presentationml/2006/main"/>'),
        "ppt/slides/slide1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.'
            'org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/'
            '2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>'
            f"{escape(title)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"),
    })


def zip_archive(files: dict[str, bytes]) -> bytes:
    """A zip of the given files (names may be Chinese: stored as UTF-8)."""
    return _package(files)
