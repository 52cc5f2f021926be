"""What an upload is: its name as shown, its kind judged by its extension AND its bytes, the
type it is served as and its label for people, or why it is refused (UploadRejected).
portal/files/services.py saves the files and passes these on to the features.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask_babel import lazy_gettext as _l

from portal.errors import PortalError

OFFICE_TYPES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
# Older Office and WPS Office formats: OLE2 compound files (WPS may also write an OOXML
# package under its own extension). Always served as downloads.
OLE_TYPES = {
    "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
WPS_TYPES = {"wps": "application/kswps", "et": "application/kset", "dps": "application/ksdps"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
               "gif": "image/gif", "webp": "image/webp"}
ZIP_MAX_MEMBERS = 10_000
KINDS = {
    "image": frozenset(IMAGE_TYPES),
    "pdf": frozenset({"pdf"}),
    "office": frozenset({*OFFICE_TYPES, *OLE_TYPES}),
    "wps": frozenset(WPS_TYPES),
    "zip": frozenset({"zip"}),
}
TYPE_LABELS = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel",
    "ppt": "PowerPoint", "pptx": "PowerPoint", "wps": "WPS", "et": "WPS", "dps": "WPS",
    "zip": "ZIP", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP",
}
# Served inline (shown in the browser); everything else is a download.
INLINE_TYPES = frozenset({"application/pdf", *IMAGE_TYPES.values()})


class UploadRejected(PortalError):
    message = _l("This file cannot be accepted.")
    filename = ""


class FileTooLarge(UploadRejected):
    status = 413


@dataclass
class Checked:
    kind: str
    content_type: str


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def clean_name(name: str) -> str:
    """The original name as shown: no path, no control characters, at most 255 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ord(ch) >= 32 and ord(ch) != 127).strip()
    if len(name) > 255:
        stem, _, ext = name.rpartition(".")
        name = stem[: 254 - len(ext)] + "." + ext if stem else name[:255]
    return name


def _office_content_type(path: Path, ext: str) -> str | None:
    """The Office type when the file is an OOXML package of that kind, else None."""
    content_type, folder = OFFICE_TYPES[ext]
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" in names and any(n.startswith(folder) for n in names):
        return content_type
    return None


def type_label(stored) -> str:
    """What kind of file it is, for people (PDF, Word, WPS …)."""
    return TYPE_LABELS.get(stored.extension, stored.extension.upper())


def _starts_with(path: Path, magic: bytes) -> bool:
    with open(path, "rb") as file:
        return file.read(len(magic)) == magic


def _ole_or_package_type(path: Path, ext: str) -> str | None:
    """Legacy Office and WPS files: an OLE2 compound file, or (WPS) an OOXML package."""
    content_type = OLE_TYPES.get(ext) or WPS_TYPES[ext]
    if _starts_with(path, OLE_MAGIC):
        return content_type
    if ext in WPS_TYPES:
        try:
            with zipfile.ZipFile(path) as archive:
                if "[Content_Types].xml" in archive.namelist():
                    return content_type
        except (zipfile.BadZipFile, OSError):
            return None
    return None


def _zip_type(path: Path) -> str | None:
    """A readable zip archive of a bounded number of entries (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if len(archive.infolist()) <= ZIP_MAX_MEMBERS:
                return "application/zip"
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def check_content(path: Path, ext: str, allowed_kinds) -> Checked:
    """The kind and served content type of a file, judged by its extension AND its bytes.

    Raises UploadRejected when the extension is not allowed or the bytes are not what the
    extension claims (a .pdf holding HTML, a .png holding a script).
    """
    kind = next((k for k in allowed_kinds if ext in KINDS[k]), None)
    if kind is None:
        allowed = ", ".join(sorted(e for k in allowed_kinds for e in KINDS[k]))
        raise UploadRejected(_l("Files of this type are not accepted. Allowed: %(types)s.",
                                types=allowed))
    guess = filetype.guess(str(path))
    if kind == "office" and ext in OFFICE_TYPES:
        content_type = _office_content_type(path, ext)
    elif kind in ("office", "wps"):
        content_type = _ole_or_package_type(path, ext)
    elif kind == "zip":
        content_type = _zip_type(path)
    elif kind == "pdf":
        content_type = "application/pdf" if guess and guess.mime == "application/pdf" else None
    else:
        content_type = guess.mime if guess and guess.mime in IMAGE_TYPES.values() else None
    if content_type is None:
        raise UploadRejected(_l("The file's content does not match its type (.%(ext)s).",
                                ext=ext))
    return Checked(kind, content_type)
