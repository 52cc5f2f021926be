"""The rich-text editor's image upload (/staff/files/images/<purpose>), for staff forms.

static/js/editor.js sends one image (field "image", CSRF token in the X-CSRFToken header)
and inserts what comes back: the image's download address, /files/<id>/<name>. Which
purposes take images, and who may upload them, is registered by the owning feature
(files.services.register_image_uploads).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user

from portal.access import require_role
from portal.extensions import db
from portal.files.services import UploadRejected, record_rejection, save_editor_image

bp = Blueprint("files", __name__, url_prefix="/files")

require_role(bp, "editor")


@bp.route("/images/<purpose>", methods=["POST"])
def upload_image(purpose: str):
    try:
        stored = save_editor_image(current_user, request.files.get("image"), purpose)
    except UploadRejected as error:
        db.session.rollback()
        record_rejection(current_user, error)
        db.session.commit()
        return jsonify(error=str(error)), error.status
    db.session.commit()
    url = url_for("files.download", file_id=stored.id, name=stored.original_name)
    return jsonify(id=stored.id, url=url, name=stored.original_name), 201
