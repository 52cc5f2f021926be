"""/staff/materials/: editors write study materials and see who studied them; admins keep the
categories (/staff/materials/categories/)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.access import require_role
from portal.editing import save_from_form, show_refusal
from portal.enterprises.models import LEVELS
from portal.enterprises.services import active_enterprise_choices
from portal.errors import PortalError
from portal.extensions import db
from portal.files.services import record_rejection
from portal.i18n import current_language
from portal.materials import services
from portal.materials.forms import CategoryForm, MaterialFilterForm, MaterialForm
from portal.spreadsheets import csv_response, xlsx_response
from portal.state_changes import change_state

bp = Blueprint("materials", __name__, url_prefix="/materials")
require_role(bp, "editor")
categories_bp = Blueprint("categories", __name__, url_prefix="/categories")
require_role(categories_bp, "admin")

MESSAGES = {"save": _l("The material has been saved."),
            "publish": _l("The material has been published.")}


def _category_choices(field, blank) -> None:
    lang = current_language()
    field.choices = [("", blank)] + [(c.id, c.display_name(lang))
                                     for c in services.list_categories()]


@bp.route("/")
def index():
    form = MaterialFilterForm(request.args)
    _category_choices(form.category, _("All categories"))
    form.category.choices = [(str(v), label) for v, label in form.category.choices]
    query = services.staff_listing(form.category.data or "", form.status.data or "",
                                   (form.q.data or "")[:100])
    page = db.paginate(query, per_page=30, error_out=False)
    return render_template("staff/materials/index.html", form=form, page=page)


def _form_for(material=None) -> MaterialForm:
    form = MaterialForm()
    if material is not None:
        if request.method != "POST":
            form.fill_from(material)
        form.remove_files.choices = [(f.id, f.original_name) for f in material.files]
    _category_choices(form.category_id, _("Choose a category"))
    form.audience_enterprises.choices = active_enterprise_choices(current_language())
    return form


def _render(form, material=None, preview=None, status=200):
    return render_template("staff/materials/form.html", form=form, material=material), status


def _save(form: MaterialForm, material=None):
    def save(action):
        return services.save_material(current_user, material, form.material_data(),
                                      action=action, uploads=form.files.data,
                                      remove_file_ids=form.remove_files.data)

    return save_from_form(
        form, material, save=save, render=_render, messages=MESSAGES, files_field="files",
        saved_url=lambda saved: url_for(".edit", material_id=saved.id),
        on_rejected_upload=lambda error: record_rejection(current_user, error))


@bp.route("/new", methods=["GET", "POST"])
def create():
    return _save(_form_for())


@bp.route("/<int:material_id>/edit", methods=["GET", "POST"])
def edit(material_id: int):
    material = services.get_material_for_editing(material_id)
    return _save(_form_for(material), material)


@bp.route("/<int:material_id>/unpublish", methods=["POST"])
def unpublish(material_id: int):
    material = services.get_material_for_editing(material_id)
    change_state(services.unpublish_material, material,
                 _("The material has been taken out of the member area."))
    return redirect(url_for(".edit", material_id=material_id))


def _studies_header():
    return [_("Enterprise"), _("Member"), _("Studied at")]


def _study_rows(material):
    lang = current_language()
    for name_zh, name_en, user, when in db.session.execute(services.studies_of(material)):
        yield [name_en if lang == "en" and name_en else name_zh, user, when]


@bp.route("/<int:material_id>/studies")
def studies(material_id: int):
    material = services.get_material_for_editing(material_id)
    return render_template("staff/materials/studies.html", material=material,
                           rows=list(_study_rows(material)))


@bp.route("/<int:material_id>/studies.csv")
def studies_csv(material_id: int):
    return _studies_download(material_id, "csv")


@bp.route("/<int:material_id>/studies.xlsx")
def studies_xlsx(material_id: int):
    return _studies_download(material_id, "xlsx")


def _studies_download(material_id: int, kind: str):
    material = services.get_material_for_editing(material_id)
    name = f"{_('Studied')}-{material.title_zh[:40]}.{kind}"
    rows = _study_rows(material)
    if kind == "csv":
        return csv_response(name, _studies_header(), rows)
    return xlsx_response(name, _("Studied"), _studies_header(), rows)


def _enterprise_rows():
    lang = current_language()
    for name_zh, name_en, level, materials, members, last in db.session.execute(
            services.studies_by_enterprise()):
        yield [name_en if lang == "en" and name_en else name_zh, str(LEVELS[level]),
               materials, members, last]


def _enterprise_header():
    return [_("Enterprise"), _("Membership level"), _("Materials studied"),
            _("Members who studied"), _("Last studied")]


@bp.route("/by-enterprise")
def by_enterprise():
    return render_template("staff/materials/by_enterprise.html", rows=list(_enterprise_rows()))


@bp.route("/by-enterprise.csv")
def by_enterprise_csv():
    return _by_enterprise_download("csv")


@bp.route("/by-enterprise.xlsx")
def by_enterprise_xlsx():
    return _by_enterprise_download("xlsx")


def _by_enterprise_download(kind: str):
    name = f"{_('Studied by enterprise')}.{kind}"
    if kind == "csv":
        return csv_response(name, _enterprise_header(), _enterprise_rows())
    return xlsx_response(name, _("Studied"), _enterprise_header(), _enterprise_rows())


# Categories (admins) -----------------------------------------------------------------------------

@categories_bp.route("/", methods=["GET", "POST"], endpoint="index")
def category_index():
    form = CategoryForm()
    if form.validate_on_submit():
        return _save_category(form, None)
    return render_template("staff/materials/categories.html", form=form,
                           categories=services.list_categories(), editing=None)


@categories_bp.route("/<int:category_id>", methods=["GET", "POST"], endpoint="edit")
def category_edit(category_id: int):
    category = services.get_category(category_id)
    form = CategoryForm(obj=category)
    if form.validate_on_submit():
        return _save_category(form, category)
    return render_template("staff/materials/categories.html", form=form,
                           categories=services.list_categories(), editing=category)


def _save_category(form, category):
    try:
        services.save_category(current_user, category, name_zh=form.name_zh.data,
                               name_en=form.name_en.data or "", position=form.position.data or 0)
    except PortalError as error:
        show_refusal(form, error, "name_zh")
        return render_template("staff/materials/categories.html", form=form,
                               categories=services.list_categories(), editing=category), 400
    db.session.commit()
    flash(_("The category has been saved."), "success")
    return redirect(url_for(".index"))


bp.register_blueprint(categories_bp)
