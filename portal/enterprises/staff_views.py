"""Staff screens for member enterprises (/staff/enterprises/): admins only. The list, the
form, the detail page, suspending, and importing from a file (upload, check, confirm: the
file waits under the storage folder until the same admin confirms, and is checked again
then, since the database may have changed in between)."""

from __future__ import annotations

import hmac
from pathlib import Path

from flask import Blueprint, Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.enterprises.forms import (
    ConfirmImportForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    ImportForm,
)
from portal.enterprises.importing import COLUMNS, ImportFileError, check_file, import_rows
from portal.enterprises.models import LEVELS, Enterprise
from portal.enterprises.pending_uploads import drop_pending, load_pending, save_pending
from portal.enterprises.services import (
    EDITABLE,
    DuplicateCreditCode,
    InvalidCreditCode,
    StatusUnchanged,
    create_enterprise,
    enterprise_list_query,
    enterprise_users,
    reactivate_enterprise,
    suspend_enterprise,
    update_enterprise,
)
from portal.extensions import db
from portal.forms import valid_filters
from portal.state_changes import change_state

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")
PER_PAGE = 25

require_role(bp, "admin")


@bp.route("/")
def index():
    form = EnterpriseFilterForm(request.args)
    filters = valid_filters(form, ("q", "level", "status", "expiring"))
    page = db.paginate(enterprise_list_query(**filters), per_page=PER_PAGE, max_per_page=100)
    return render_template("staff/enterprises/index.html", form=form, page=page)


def _save(form, enterprise=None):
    """Call the service with the form's fields only; a code problem goes next to its field."""
    fields = {name: form[name].data for name in EDITABLE}
    try:
        if enterprise is None:
            enterprise = create_enterprise(current_user, **fields)
        else:
            update_enterprise(current_user, enterprise, **fields)
    except (DuplicateCreditCode, InvalidCreditCode) as error:
        db.session.rollback()
        form.credit_code.errors.append(error.message)
        return None
    db.session.commit()
    flash(_("The enterprise %(name)s has been saved.", name=enterprise.name_zh), "success")
    return redirect(url_for(".detail", enterprise_id=enterprise.id))


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = EnterpriseForm()
    if form.validate_on_submit() and (response := _save(form)):
        return response
    return render_template("staff/enterprises/form.html", form=form, enterprise=None)


@bp.route("/<int:enterprise_id>/edit", methods=["GET", "POST"])
def edit(enterprise_id):
    enterprise = db.get_or_404(Enterprise, enterprise_id)
    form = EnterpriseForm(obj=enterprise)
    if form.validate_on_submit() and (response := _save(form, enterprise)):
        return response
    return render_template("staff/enterprises/form.html", form=form, enterprise=enterprise)


@bp.route("/<int:enterprise_id>")
def detail(enterprise_id):
    enterprise = db.get_or_404(Enterprise, enterprise_id)
    return render_template("staff/enterprises/detail.html", enterprise=enterprise,
                           users=enterprise_users(enterprise))


@bp.route("/<int:enterprise_id>/suspend", methods=["POST"])
def suspend(enterprise_id):
    return _change_status(enterprise_id, suspend_enterprise, _(
        "%(name)s is suspended; its users are signed out."))


@bp.route("/<int:enterprise_id>/reactivate", methods=["POST"])
def reactivate(enterprise_id):
    return _change_status(enterprise_id, reactivate_enterprise, _(
        "%(name)s is active again; its users can sign in."))


def _change_status(enterprise_id, service, message):
    enterprise = db.get_or_404(Enterprise, enterprise_id)
    change_state(service, enterprise, message % {"name": enterprise.name_zh},
                 refused=(StatusUnchanged,), refused_category="info")
    return redirect(url_for(".detail", enterprise_id=enterprise.id))


# Importing ------------------------------------------------------------------------------------

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
    if not token or not hmac.compare_digest(str(pending.get("token", "")), token):
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
