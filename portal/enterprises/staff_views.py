"""Staff screens for member enterprises (/staff/enterprises/): admins only."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import staff
from portal.areas import require_role
from portal.enterprises.forms import EnterpriseFilterForm, EnterpriseForm
from portal.enterprises.models import Enterprise
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

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")
PER_PAGE = 25


require_role(bp, "admin")


def list_args() -> dict:
    """The list's query arguments without the page, for the pager's links."""
    return {k: v for k, v in request.args.items() if k != "page"}


@bp.route("/")
def index():
    form = EnterpriseFilterForm(request.args)
    form.validate()
    filters = {name: form[name].data for name in ("q", "level", "status", "expiring")
               if not form[name].errors}
    page = db.paginate(enterprise_list_query(**filters), per_page=PER_PAGE, max_per_page=100)
    return render_template("staff/enterprises/index.html", form=form, page=page,
                           args=list_args())


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
    try:
        service(current_user, enterprise)
    except StatusUnchanged as error:
        db.session.rollback()
        flash(error.message, "info")
    else:
        db.session.commit()
        flash(message % {"name": enterprise.name_zh}, "success")
    return redirect(url_for(".detail", enterprise_id=enterprise.id))


from portal.enterprises import staff_import_views  # noqa: E402,F401,I001  (routes hang from bp)

staff.bp.register_blueprint(bp)
