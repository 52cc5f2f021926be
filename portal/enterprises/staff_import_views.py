"""The staff screen that imports member enterprises from a file: upload, dry run, confirm.

The uploaded file waits under the storage folder until the same admin confirms; it is
checked again at confirmation, since the database may have changed in between.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.enterprises.forms import ConfirmImportForm, ImportForm
from portal.enterprises.importing import COLUMNS, ImportFileError, check_file, import_rows
from portal.enterprises.models import LEVELS
from portal.enterprises.pending_uploads import drop_pending, load_pending, save_pending
from portal.enterprises.staff_views import bp
from portal.extensions import db
from portal.security import same_secret

PENDING_KEY = "enterprise_import"
PREVIEW_ROWS = 20


def _render(form, check=None, confirm=None):
    return render_template("staff/enterprises/import.html", form=form, check=check,
                           confirm=confirm, columns=COLUMNS, levels=LEVELS,
                           preview_rows=PREVIEW_ROWS)


@bp.route("/import", methods=["GET", "POST"])
def import_file():
    form = ImportForm()
    if not form.validate_on_submit():
        return _render(form)
    upload = form.file.data
    data, name = upload.read(), Path(upload.filename).name[:200]
    try:
        check = check_file(name, data)
    except ImportFileError as error:
        form.file.errors.append(error.message)
        return _render(form)
    confirm = None
    if check.ok:
        suffix = Path(name).suffix.lower()
        session[PENDING_KEY] = {"token": save_pending(data, suffix), "suffix": suffix,
                                "name": name}
        confirm = ConfirmImportForm(token=session[PENDING_KEY]["token"])
    return _render(form, check, confirm)


def _pending_upload(token: str):
    """(name, suffix, bytes) of this admin's file waiting for confirmation, or None."""
    pending = session.get(PENDING_KEY) or {}
    if not token or not same_secret(pending.get("token", ""), token):
        return None
    data = load_pending(token, pending.get("suffix", ""))
    return None if data is None else (pending["name"], pending["suffix"], data)


@bp.route("/import/confirm", methods=["POST"])
def confirm_import():
    form = ConfirmImportForm()
    pending = _pending_upload(form.token.data or "") if form.validate_on_submit() else None
    if pending is None:
        flash(_("This import is no longer waiting. Please upload the file again."), "warning")
        return redirect(url_for(".import_file"))
    name, suffix, data = pending
    try:
        check = check_file(name, data)
    except ImportFileError as error:  # cannot happen to a file that passed, but be safe
        flash(error.message, "danger")
        return redirect(url_for(".import_file"))
    if not check.ok:
        return _render(ImportForm(), check)
    count = import_rows(current_user, check.rows, filename=name)
    db.session.commit()
    drop_pending(form.token.data, suffix)
    session.pop(PENDING_KEY, None)
    flash(_("%(count)d enterprises have been imported.", count=count), "success")
    return redirect(url_for(".index"))


@bp.route("/import/template.csv")
def import_template():
    """An empty CSV with the expected header (UTF-8 with BOM, so Excel opens it correctly)."""
    header = ",".join(aliases[1] for _, aliases, _ in COLUMNS.values())
    return Response("\ufeff" + header + "\r\n", mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=enterprises.csv"})
