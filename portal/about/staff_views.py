"""The editors' screens for the about pages (/staff/about/)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.about import services
from portal.about.forms import AboutPageForm
from portal.access import require_role
from portal.extensions import db
from portal.state_changes import change_state

bp = Blueprint("about", __name__, url_prefix="/about")

require_role(bp, "editor")


@bp.route("/")
def index():
    return render_template("staff/about/index.html", pages=services.list_pages())


def _save(form: AboutPageForm, page=None):
    data = {name: form[name].data for name in services.FIELDS}
    try:
        if page is None:
            page = services.create_page(current_user, data)
        else:
            services.update_page(current_user, page, data)
    except services.AboutPageRuleBroken as error:
        db.session.rollback()
        flash(error.message, "danger")
        return None
    db.session.commit()
    flash(_("The page has been saved and is shown on the site."), "success")
    return redirect(url_for(".index"))


@bp.route("/new", methods=["GET", "POST"])
def create():
    form = AboutPageForm()
    if form.validate_on_submit() and (done := _save(form)):
        return done
    return render_template("staff/about/form.html", form=form, page=None)


@bp.route("/<int:page_id>", methods=["GET", "POST"])
def edit(page_id: int):
    page = services.get_page(page_id)
    form = AboutPageForm(obj=page)
    if form.validate_on_submit() and (done := _save(form, page)):
        return done
    return render_template("staff/about/form.html", form=form, page=page)


@bp.route("/<int:page_id>/move", methods=["POST"])
def move(page_id: int):
    step = -1 if request.form.get("direction") == "up" else 1
    change_state(lambda actor, page: services.move_page(actor, page, step),
                 services.get_page(page_id), _("The navigation order has been changed."))
    return redirect(url_for(".index"))


@bp.route("/<int:page_id>/delete", methods=["POST"])
def delete(page_id: int):
    change_state(services.delete_page, services.get_page(page_id),
                 _("The page has been deleted."))
    return redirect(url_for(".index"))
