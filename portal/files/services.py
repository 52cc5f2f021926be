"""Saving uploads and deciding who may download them (ARCHITECTURE.md, "Files"); what an
upload is and why one is refused is portal/files/checks.py, passed on from here.

A feature that owns files registers an access check for its purpose; the download view
asks it on every request. Types are checked by extension AND by content.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.audit.services import record_event
from portal.errors import NotFound
from portal.extensions import db
from portal.files import storage
from portal.files.checks import (  # noqa: F401  (UploadRejected … are passed on to the features)
    INLINE_TYPES,
    FileTooLarge,
    UploadRejected,
    check_content,
    clean_name,
    extension_of,
    type_label,
)
from portal.files.models import StoredFile

# Where the files live, for the features that copy the whole store (backup, restore).
from portal.files.storage import storage_root as storage_root

security_log = logging.getLogger("portal.security")

CHUNK = 64 * 1024
DEFAULT_MAX_BYTES = 15 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(current_app.config.get("UPLOAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


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

