"""Staff screens for the secretariat's departments (/staff/departments/): admins only."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.departments.forms import DepartmentForm
from portal.departments.models import Department
from portal.departments.services import (
    DuplicateDepartment,
    create_department,
    departments_with_counts,
    rename_department,
    set_default_department,
)
from portal.editing import show_refusal
from portal.extensions import db

bp = Blueprint("departments", __name__, url_prefix="/departments")

require_role(bp, "admin")


@bp.route("/")
def index():
    return render_template("staff/departments/index.html", departments=departments_with_counts())


def _save(form, department=None):
    try:
        if department is None:
            department = create_department(current_user, name_zh=form.name_zh.data,
                                           name_en=form.name_en.data)
        else:
            rename_department(current_user, department, name_zh=form.name_zh.data,
                              name_en=form.name_en.data)
    except DuplicateDepartment as error:
        show_refusal(form, error, "name_zh")
        return None
    db.session.commit()
    flash(_("The department %(name)s has been saved.", name=department.name_zh), "success")
    return redirect(url_for(".index"))


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = DepartmentForm()
    if form.validate_on_submit() and (response := _save(form)):
        return response
    return render_template("staff/departments/form.html", form=form, department=None)


@bp.route("/<int:department_id>/edit", methods=["GET", "POST"])
def edit(department_id):
    department = db.get_or_404(Department, department_id)
    form = DepartmentForm(obj=department)
    if form.validate_on_submit() and (response := _save(form, department)):
        return response
    return render_template("staff/departments/form.html", form=form, department=department)


@bp.route("/<int:department_id>/default", methods=["POST"])
def make_default(department_id):
    department = db.get_or_404(Department, department_id)
    set_default_department(current_user, department)
    db.session.commit()
    flash(_("%(name)s is now the default department.", name=department.name_zh), "success")
    return redirect(url_for(".index"))

