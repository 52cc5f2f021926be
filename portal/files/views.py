"""The download view: /files/<id>/<name>, served only after the owning feature's check."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, send_file, url_for
from flask_login import current_user

from portal.errors import NotFound
from portal.files import storage
from portal.files.services import INLINE_TYPES, get_file_for

bp = Blueprint("files", __name__, url_prefix="/files")

# A file never runs script nor loads anything, even when a browser renders it.
DOWNLOAD_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
# Except PDFs: Chromium refuses to start its PDF viewer in a sandboxed document ("This page
# has been blocked"). A PDF is only served after its bytes were checked to be a PDF, always
# as application/pdf with nosniff, so no browser renders it as HTML; it keeps the rest.
PDF_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'"


@bp.route("/<int:file_id>/<path:name>")
def download(file_id: int, name: str):
    stored = get_file_for(current_user, file_id)
    if stored is None:  # missing, or not this user's to see: the same 404, recorded
        raise NotFound()
    if name != stored.original_name:
        return redirect(url_for(".download", file_id=file_id, name=stored.original_name))
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
