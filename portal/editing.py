"""The one save flow of an editor's form (news articles, member notices, study materials):
validate, preview or save, then publish or schedule as the button asked; commit and say so,
or roll back and show why next to the field (a refused upload beside the file field). And
show_refusal(), how every staff or member form shows a service's refusal beside its field.

The feature's view passes what differs: how to save, how to render the form, where to go
after a save and what to say. Services raise PortalError subclasses; a refused upload is
one that carries a `filename` (portal/files/services.py, UploadRejected).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import flash, redirect, request

from portal.errors import PortalError
from portal.extensions import db

ACTIONS = ("save", "preview", "publish", "schedule")


def save_from_form(form, obj, *, save: Callable[[str], object],
                   render: Callable[..., object], saved_url: Callable[[object], str],
                   messages: Mapping[str, object], preview: Callable[[], object] | None = None,
                   on_rejected_upload: Callable[[PortalError], None] | None = None,
                   files_field: str = "attachments"):
    """render(form, obj, status=200) draws the form; save(action) stores it (raising
    PortalError) and returns the object; saved_url(obj) is where a saved form goes;
    messages[action] is the flash after it; preview() answers the preview button."""
    action = request.form.get("action", "save")
    if action not in ACTIONS or not form.validate_on_submit():
        return render(form, obj, status=400 if request.method == "POST" else 200)
    if action == "preview":
        return preview() if preview else render(form, obj)
    try:
        saved = save(action)
    except PortalError as error:
        if hasattr(error, "filename"):  # an upload was refused: record it, show it by the field
            db.session.rollback()
            if on_rejected_upload is not None:
                on_rejected_upload(error)
                db.session.commit()
            getattr(form, files_field).errors = [f"{error.filename}: {error}"]
        else:
            show_refusal(form, error)
        return render(form, obj, status=error.status)
    db.session.commit()
    flash(str(messages[action]), "success")
    return redirect(saved_url(saved))


def show_refusal(form, error: PortalError, field: str | None = None) -> None:
    """A service refused what a form asked: roll back what it did, and show its message beside
    the form's `field` (by default the one the error names, `error.field`), or at the top of
    the page when it names none of the form's fields. The view then draws the form again,
    with what was typed."""
    db.session.rollback()
    name = field or getattr(error, "field", None)
    if name and hasattr(form, name):
        target = getattr(form, name)
        target.errors = [*target.errors, error.message]
    else:
        flash(str(error.message), "error")
