"""Staff screens for member enterprises (/staff/enterprises/): admins only. The list and its
Excel download, the form, the detail page, suspending and lapsing, the lookup that the
invitation form's enterprise field asks as one types, and importing from a file (upload,
check, confirm: the file waits under the storage folder until the same admin confirms, and
is checked and planned again then, since the database may have changed in between)."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.dates import today
from portal.editing import show_refusal
from portal.enterprises.export import export_rows
from portal.enterprises.forms import (
    ConfirmImportForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    ImportForm,
)
from portal.enterprises.import_plan import apply_plan, plan_import
from portal.enterprises.importing import COLUMNS, ImportFileError, check_file
from portal.enterprises.membership import lapse_enterprise
from portal.enterprises.models import LEVELS, Enterprise
from portal.enterprises.pending_uploads import drop_pending, load_pending, save_pending
from portal.enterprises.services import (
    EDITABLE,
    DuplicateCreditCode,
    Expired,
    InvalidCreditCode,
    StatusUnchanged,
    create_enterprise,
    enterprise_list_query,
    enterprise_users,
    lookup_enterprises,
    reactivate_enterprise,
    suspend_enterprise,
    update_enterprise,
)
from portal.extensions import db
from portal.forms import valid_filters
from portal.i18n import current_language
from portal.security import same_secret
from portal.spreadsheets import xlsx_response
from portal.state_changes import change_state

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")
PER_PAGE = 25

require_role(bp, "admin")


def _list_filters() -> tuple[EnterpriseFilterForm, dict]:
    form = EnterpriseFilterForm(request.args)
    return form, valid_filters(form, ("q", "level", "status", "expiring"))


@bp.route("/")
def index():
    form, filters = _list_filters()
    page = db.paginate(enterprise_list_query(**filters), per_page=PER_PAGE, max_per_page=100)
    return render_template("staff/enterprises/index.html", form=form, page=page)


@bp.route("/export.xlsx")
def export():
    """The filtered list as a workbook whose columns the import reads back."""
    filters = _list_filters()[1]
    header, rows = export_rows(current_user, enterprise_list_query(**filters))
    db.session.commit()  # the audit event of the download
    return xlsx_response(f"enterprises-{today().isoformat()}.xlsx", _("Member enterprises"),
                         header, rows, widths=[30, 36, 22, 14, 12, 12, 10, 8, 14, 28])


@bp.route("/lookup")
def lookup():
    """Enterprises matching ?q= (name in either language, or credit code), by pinyin: the
    invitation form's enterprise field asks this as one types (static/js/enterprise-picker.js)."""
    q = (request.args.get("q") or "").strip()[:100]
    language = current_language()
    return jsonify([{"id": e.id, "name": e.display_name(language), "name_zh": e.name_zh,
                     "credit_code": e.credit_code, "status": e.status_label,
                     "label": f"{e.name_zh} · {e.credit_code}"}
                    for e in lookup_enterprises(q)] if q else [])


def _save(form, enterprise=None):
    """Call the service with the form's fields only; a code problem goes next to its field."""
    fields = {name: form[name].data for name in EDITABLE}
    try:
        if enterprise is None:
            enterprise = create_enterprise(current_user, **fields)
        else:
            update_enterprise(current_user, enterprise, **fields)
    except (DuplicateCreditCode, InvalidCreditCode) as error:
        show_refusal(form, error, "credit_code")
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


@bp.route("/<int:enterprise_id>/lapse", methods=["POST"])
def lapse(enterprise_id):
    return _change_status(enterprise_id, lapse_enterprise, _(
        "The membership of %(name)s is marked as lapsed; its users are signed out."))


def _change_status(enterprise_id, service, message):
    enterprise = db.get_or_404(Enterprise, enterprise_id)
    change_state(service, enterprise, message % {"name": enterprise.name_zh},
                 refused=(StatusUnchanged, Expired), refused_category="info")
    return redirect(url_for(".detail", enterprise_id=enterprise.id))


# Importing ------------------------------------------------------------------------------------

PENDING_KEY = "enterprise_import"
PREVIEW_ROWS = 20


def _render(form, plan=None, confirm=None):
    return render_template("staff/enterprises/import.html", form=form, plan=plan,
                           confirm=confirm, columns=COLUMNS, levels=LEVELS,
                           preview_rows=PREVIEW_ROWS)


def _plan(name: str, data: bytes):
    """The file checked (existing credit codes update their enterprise) and planned."""
    return plan_import(check_file(name, data, allow_existing=True))


@bp.route("/import", methods=["GET", "POST"])
def import_file():
    form = ImportForm()
    if not form.validate_on_submit():
        return _render(form)
    upload = form.file.data
    data, name = upload.read(), Path(upload.filename).name[:200]
    try:
        plan = _plan(name, data)
    except ImportFileError as error:
        form.file.errors.append(error.message)
        return _render(form)
    confirm = None
    if plan.ok:
        suffix = Path(name).suffix.lower()
        session[PENDING_KEY] = {"token": save_pending(data, suffix), "suffix": suffix,
                                "name": name}
        confirm = ConfirmImportForm(token=session[PENDING_KEY]["token"])
    return _render(form, plan, confirm)


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
        plan = _plan(name, data)
    except ImportFileError as error:  # cannot happen to a file that passed, but be safe
        flash(error.message, "danger")
        return redirect(url_for(".import_file"))
    if not plan.ok:
        return _render(ImportForm(), plan)
    result = apply_plan(current_user, plan, filename=name)
    db.session.commit()
    drop_pending(form.token.data, suffix)
    session.pop(PENDING_KEY, None)
    flash(_("Import done: %(created)d new, %(updated)d updated, %(unchanged)d unchanged "
            "enterprises; %(invited)d invitations sent.", created=result.created,
            updated=result.updated, unchanged=result.unchanged, invited=result.invited),
          "success")
    return redirect(url_for(".index"))


@bp.route("/import/template.csv")
def import_template():
    """An empty CSV with the expected header (UTF-8 with BOM, so Excel opens it correctly)."""
    header = ",".join(aliases[1] for _, aliases, _ in COLUMNS.values())
    return Response("\ufeff" + header + "\r\n", mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=enterprises.csv"})
