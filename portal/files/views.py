"""The download view: /files/<id>/<name>, served only after the owning feature's check."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from portal.errors import NotFound
from portal.files.services import file_response, get_file_for, type_label

bp = Blueprint("files", __name__, url_prefix="/files")


@bp.route("/<int:file_id>/<path:name>")
def download(file_id: int, name: str):
    stored = get_file_for(current_user, file_id)
    if stored is None:  # missing, or not this user's to see: the same 404, recorded
        raise NotFound()
    if name != stored.original_name:
        return redirect(url_for(".download", file_id=file_id, name=stored.original_name))
    return file_response(stored)


@bp.app_template_filter("file_size")
def file_size(stored) -> str:
    """A file's size for people: 820 B, 12.5 KB, 3.1 MB."""
    size = stored.size
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@bp.app_template_filter("file_kind")
def file_kind(stored) -> str:
    """A file's type for people: PDF, Word, Excel, PowerPoint, WPS, image, ZIP."""
    return type_label(stored)
