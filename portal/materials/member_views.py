"""/members/materials/: the study materials a member's enterprise may read, by category and
keyword; a material's page with its files; marking it studied (已学)."""

from __future__ import annotations

from typing import NamedTuple

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.chrome import url_once
from portal.dates import ymd
from portal.extensions import db
from portal.i18n import translate as _
from portal.i18n import translate_plural as ngettext
from portal.materials import reading, services
from portal.reading import reads_only

bp = Blueprint("materials", __name__, url_prefix="/materials")
PER_PAGE = 20


class MaterialEntry(NamedTuple):
    url: str
    title: str
    description: str
    chinese_fallback: bool  # an English reader gets the Chinese text
    iso: str
    date: str
    files: str  # "3 files"
    studied: bool


@bp.app_template_global()
def material_entries(items: list[reading.ListedMaterial], lang: str) -> list[MaterialEntry]:
    """What a list of materials shows of each (the materials list, the dashboard), worked
    out in Python as the notice lists are (notices.member_views.notice_entries)."""
    prefix = url_once("members.materials.detail", material_id=0)[:-1]
    return [MaterialEntry(
        url=f"{prefix}{m.id}", title=m.title(lang), description=m.description(lang),
        chinese_fallback=m.shown_language(lang) != lang,
        iso=m.published_at.isoformat(timespec="seconds"), date=ymd(m.published_at),
        files=ngettext("%(num)d file", "%(num)d files", m.files), studied=m.studied)
        for m in items]


@bp.route("/")
@reads_only
def index():
    categories = services.category_entries()
    chosen = request.args.get("category", type=int)
    if chosen not in {c.id for c in categories}:
        chosen = None
    q = " ".join((request.args.get("q") or "").split())[:100]
    page = max(request.args.get("page", 1, type=int), 1)
    items, more = reading.member_materials(current_user, category=chosen, q=q, page=page,
                                            per_page=PER_PAGE)
    return render_template("members/materials/index.html", categories=categories,
                           chosen=chosen, q=q, page=page, items=items, more=more)


@bp.route("/<int:material_id>")
@reads_only
def detail(material_id: int):
    material = reading.get_material_for(current_user, material_id)
    return render_template("members/materials/detail.html", material=material,
                           studied_at=reading.studied_at(current_user, material))


@bp.route("/<int:material_id>/studied", methods=["POST"])
def studied(material_id: int):
    reading.mark_studied(current_user, material_id)
    db.session.commit()
    flash(_("Marked as studied."), "success")
    return redirect(url_for(".detail", material_id=material_id))
