"""Enquiry categories and routing for admins (/staff/categories/)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.departments.services import all_departments, default_department
from portal.editing import show_refusal
from portal.enquiries.categories import (
    FIELDS,
    DuplicateCategory,
    get_category,
    list_categories,
    save_category,
)
from portal.enquiries.forms import CategoryForm
from portal.extensions import db
from portal.i18n import current_language

bp = Blueprint("enquiry_categories", __name__, url_prefix="/categories")

require_role(bp, "admin")


@bp.route("/")
def index():
    return render_template("staff/enquiry_categories/index.html", categories=list_categories(),
                           default_department=default_department())


def _form(category=None) -> CategoryForm:
    form = CategoryForm(obj=category)
    if category is not None and not form.is_submitted():
        form.department_id.data = str(category.department_id or "")
    form.department_id.choices = [("", _("The default department"))] + [
        (str(d.id), d.display_name(current_language())) for d in all_departments()]
    return form


def _save(form, category=None):
    fields = {name: form[name].data for name in FIELDS}
    fields["department_id"] = int(fields["department_id"]) if fields["department_id"] else None
    fields["position"] = fields["position"] or 0
    try:
        category = save_category(current_user, category, **fields)
    except DuplicateCategory as error:
        show_refusal(form, error, "name_zh")
        return None
    db.session.commit()
    flash(_("The category %(name)s has been saved.", name=category.name_zh), "success")
    return redirect(url_for(".index"))


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = _form()
    if form.validate_on_submit() and (response := _save(form)):
        return response
    return render_template("staff/enquiry_categories/form.html", form=form, category=None)


@bp.route("/<int:category_id>/edit", methods=["GET", "POST"])
def edit(category_id: int):
    category = get_category(category_id)
    form = _form(category)
    if form.validate_on_submit() and (response := _save(form, category)):
        return response
    return render_template("staff/enquiry_categories/form.html", form=form, category=category)
