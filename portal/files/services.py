"""Saving uploads and deciding who may download them (ARCHITECTURE.md, "Files").

A feature that owns files registers an access check for its purpose; the download view
asks it on every request. Types are checked by extension AND by content.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.audit.services import record_event
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.files import storage
from portal.files.models import StoredFile

# Where the files live, for the features that copy the whole store (backup, restore).
from portal.files.storage import storage_root as storage_root

security_log = logging.getLogger("portal.security")

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
CHUNK = 64 * 1024
DEFAULT_MAX_BYTES = 15 * 1024 * 1024


class UploadRejected(PortalError):
    message = _l("This file cannot be accepted.")
    filename = ""


class FileTooLarge(UploadRejected):
    status = 413


@dataclass
class Checked:
    kind: str
    content_type: str


def max_upload_bytes() -> int:
    return int(current_app.config.get("UPLOAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


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


def _write_temp(file_storage, limit: int) -> tuple[Path, str, int]:
    """Stream the upload to a temporary file; (path, sha256, size). Raises FileTooLarge."""
    digest = hashlib.sha256()
    size = 0
    handle, name = tempfile.mkstemp(dir=storage.temp_dir(), prefix="upload-")
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := file_storage.stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(_l("The file is larger than %(mb)s MB.",
                                          mb=round(limit / 1024 / 1024, 1)))
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, digest.hexdigest(), size


def save_upload(actor, file_storage, allowed_kinds, purpose: str, *,
                flush: bool = True) -> StoredFile:
    """Store an uploaded file and add its row (flushed unless flush=False; the caller commits).

    The bytes go to a temporary name, are checked (size, extension, content), then moved
    into place; the row comes last, so a failed commit leaves at most an orphan blob,
    never a row without its file. Raises UploadRejected / FileTooLarge (recorded as
    security events "file.rejected").
    """
    name = clean_name(file_storage.filename or "")
    ext = extension_of(name)
    try:
        if not name or not ext:
            raise UploadRejected(_l("The file has no name or no extension."))
        temp, sha256, size = _write_temp(file_storage, max_upload_bytes())
        try:
            if size == 0:
                raise UploadRejected(_l("The file is empty."))
            checked = check_content(temp, ext, allowed_kinds)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except UploadRejected as error:
        security_log.warning("upload rejected: %r (%s)", name, error)
        error.filename = name
        raise
    storage.move_into_place(temp, sha256)
    stored = StoredFile(sha256=sha256, size=size, content_type=checked.content_type,
                        original_name=name, purpose=purpose,
                        created_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    if flush:
        db.session.flush()
    return stored


def record_rejection(actor, error: UploadRejected) -> None:
    """The audit event of a refused upload (after the caller's rollback)."""
    record_event(actor, "file.rejected", name=error.filename[:120], reason=str(error)[:200])


def save_bytes(actor, name: str, data: bytes, allowed_kinds, purpose: str) -> StoredFile:
    """save_upload() for bytes made by the portal itself (demo content, imports)."""
    from io import BytesIO

    from werkzeug.datastructures import FileStorage

    return save_upload(actor, FileStorage(BytesIO(data), filename=name), allowed_kinds, purpose)


# purpose -> check(stored_file, user) -> bool; registered by the owning feature at import.
AccessCheck = Callable[[StoredFile, object], bool]
_ACCESS_CHECKS: dict[str, AccessCheck] = {}


def register_access_check(purpose: str, check: AccessCheck) -> None:
    """Say who may download the files of a purpose; a purpose without a check serves nobody."""
    _ACCESS_CHECKS[purpose] = check


def get_file_for(user, file_id: int) -> StoredFile | None:
    """The file when it exists and the user may download it, else None (answer 404 alike)."""
    stored = db.session.get(StoredFile, file_id)
    if stored is None:
        return None
    check = _ACCESS_CHECKS.get(stored.purpose)
    if check is None or not check(stored, user):
        return None
    return stored


# purpose -> may(user) -> bool: who may upload images into the rich text of that purpose
# (portal/files/staff_views.py); registered by the owning feature with its access check.
ImageUploadCheck = Callable[[object], bool]
_IMAGE_UPLOADS: dict[str, ImageUploadCheck] = {}


def register_image_uploads(purpose: str, may_upload: ImageUploadCheck | None = None) -> None:
    """Let the rich-text editor upload images of this purpose (any user who reaches the
    upload screen, an editor, unless `may_upload` says otherwise). The purpose's access check
    decides who may then see them: the feature must know which of its texts show which
    files (portal.richtext.stored_file_ids)."""
    _IMAGE_UPLOADS[purpose] = may_upload or (lambda user: True)


def save_editor_image(actor, file_storage, purpose: str) -> StoredFile:
    """Store an image uploaded from the rich-text editor as a file of `purpose`.

    Raises NotFound when the purpose takes no editor images or the user may not upload
    them, UploadRejected (FileTooLarge) for a missing, oversized or disguised file."""
    may_upload = _IMAGE_UPLOADS.get(purpose)
    if may_upload is None or purpose not in _ACCESS_CHECKS or not may_upload(actor):
        raise NotFound()
    if file_storage is None or not file_storage.filename:
        raise UploadRejected(_l("Please choose an image file."))
    return save_upload(actor, file_storage, ("image",), purpose)


# A file never runs script nor loads anything, even when a browser renders it.
DOWNLOAD_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
# Except PDFs: Chromium refuses to start its PDF viewer in a sandboxed document ("This page
# has been blocked"). A PDF is only served after its bytes were checked to be a PDF, always
# as application/pdf with nosniff, so no browser renders it as HTML; it keeps the rest.
PDF_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'"


def file_response(stored: StoredFile):
    """The download of a file whose access the caller has checked: its original name in
    filename*, the type the portal chose, nosniff and a sandboxing CSP; a plain 404 when the
    bytes are missing (a fault of the store, not a refusal). Every view that serves a stored
    file answers with this."""
    from flask import abort, send_file

    path = storage.blob_path(stored.sha256)
    if not path.exists():
        abort(404)
    response = send_file(
        path, mimetype=stored.content_type, download_name=stored.original_name,
        as_attachment=stored.content_type not in INLINE_TYPES, conditional=True, etag=stored.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    pdf = stored.content_type == "application/pdf"
    response.headers["Content-Security-Policy"] = PDF_CSP if pdf else DOWNLOAD_CSP
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def find_orphans() -> tuple[list[Path], list[StoredFile]]:
    """(blobs no row points at, plus stale temporary files; rows whose blob is missing)."""
    known = set(db.session.scalars(select(StoredFile.sha256).distinct()))
    orphans = [path for sha, path in storage.iter_blobs() if sha not in known]
    temp = storage.storage_root() / "tmp"
    if temp.exists():
        import time

        orphans += [p for p in temp.iterdir() if p.is_file() and time.time() - p.stat().st_mtime
                    > 3600]
    missing = [f for f in db.session.scalars(select(StoredFile).order_by(StoredFile.id))
               if not storage.blob_path(f.sha256).exists()]
    return orphans, missing

