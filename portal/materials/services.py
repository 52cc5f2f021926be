"""Study-material rules: editors write and publish materials with files and an audience,
admins keep the categories; staff see who studied what. What members read and mark studied
(and who may download a file) is portal/materials/reading.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import event, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.database import utcnow
from portal.enterprises.models import Enterprise
from portal.enterprises.services import set_audience
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.files.services import save_upload
from portal.generation import bump_generation, content_memo
from portal.i18n import BilingualName
from portal.materials.indexing import index_material
from portal.materials.models import Material, MaterialCategory, MaterialFile, MaterialStudy
from portal.richtext import sanitise_html

FILE_PURPOSE = "material"
FILE_KINDS = ("pdf", "office", "wps", "image", "zip")
TEXT_FIELDS = ("title_zh", "title_en", "description_zh", "description_en")


class MaterialRuleBroken(PortalError):
    pass


# Categories -------------------------------------------------------------------------------------

def list_categories() -> list[MaterialCategory]:
    return list(db.session.scalars(_CATEGORIES))


_CATEGORIES = select(MaterialCategory).order_by(MaterialCategory.position, MaterialCategory.id)


class CategoryEntry(NamedTuple):
    id: int
    name_zh: str
    name_en: str

    display_name = BilingualName.display_name


def category_entries() -> list[CategoryEntry]:
    """The categories in display order, as the member area's filter shows them: kept by
    this worker until the content generation changes (a saved category bumps it)."""
    memo = content_memo("material_categories")
    if "list" not in memo:
        memo["list"] = [CategoryEntry(c.id, c.name_zh, c.name_en) for c in list_categories()]
    return memo["list"]


@event.listens_for(MaterialCategory, "after_insert")
@event.listens_for(MaterialCategory, "after_update")
@event.listens_for(MaterialCategory, "after_delete")
def _category_changed(mapper, connection, target) -> None:
    bump_generation()


def get_category(category_id: int) -> MaterialCategory:
    category = db.session.get(MaterialCategory, category_id)
    if category is None:
        raise NotFound()
    return category


def save_category(actor, category: MaterialCategory | None, *, name_zh: str, name_en: str,
                  position: int) -> MaterialCategory:
    """Add or rename a category (admins). Raises MaterialRuleBroken for a taken name."""
    taken = db.session.scalar(select(MaterialCategory.id).where(
        MaterialCategory.name_zh == name_zh,
        MaterialCategory.id != (category.id if category else 0)))
    if taken:
        raise MaterialRuleBroken(_l("A category of this name exists already."))
    category = category or MaterialCategory()
    category.name_zh, category.name_en, category.position = name_zh, name_en or "", position
    db.session.add(category)
    db.session.flush()
    record_event(actor, "material_category.saved", category, name=name_zh)
    return category


# Editing ----------------------------------------------------------------------------------------

def staff_listing(category: str = "", status: str = "", q: str = ""):
    query = (select(Material).options(joinedload(Material.category),
                                      joinedload(Material.audience))
             .order_by(Material.updated_at.desc(), Material.id.desc()))
    if category.isdigit():
        query = query.where(Material.category_id == int(category))
    if status in ("draft", "published", "archived"):
        query = query.where(Material.status == status)
    if q:
        query = query.where(or_(Material.title_zh.icontains(q, autoescape=True),
                                Material.title_en.icontains(q, autoescape=True)))
    return query


def get_material_for_editing(material_id: int) -> Material:
    material = db.session.scalars(select(Material).where(Material.id == material_id).options(
        joinedload(Material.audience),
        selectinload(Material.file_links).joinedload(MaterialFile.file))).first()
    if material is None:
        raise NotFound()
    return material


def save_material(actor, material: Material | None, data: dict, *, action: str = "save",
                  uploads=(), remove_file_ids=()) -> Material:
    """Create or update a material from the editor's form, its files and audience; then
    publish ("publish") or keep its state. Raises MaterialRuleBroken, AudienceProblem,
    UploadRejected."""
    category = db.session.get(MaterialCategory, data.get("category_id") or 0)
    if category is None:
        raise MaterialRuleBroken(_l("Please choose a category."))
    created = material is None
    if created:  # added once it has an audience (a material row needs one)
        material = Material(status="draft", created_by_id=actor.id)
    material.category = category
    for name in TEXT_FIELDS:
        setattr(material, name, (data.get(name) or "").strip())
    material.body_zh = sanitise_html(data.get("body_zh"))
    material.body_en = sanitise_html(data.get("body_en"))
    if not material.title_zh:
        raise MaterialRuleBroken(_l("Please enter the Chinese title."))
    material.audience = set_audience(material.audience if material.audience_id else None,
                                     **data["audience"])
    db.session.add(material)
    material.updated_by_id = actor.id
    material.updated_at = utcnow()
    _remove_files(material, remove_file_ids)
    _attach_files(actor, material, uploads)
    db.session.flush()
    if created:
        record_event(actor, "material.created", material, title=material.title_zh[:100])
    if action == "publish" and material.status != "published":
        return publish_material(actor, material)
    if not created:
        record_event(actor, "material.updated", material)
    if material.status == "published":
        _members_see_a_change()
    index_material(material)
    return material


def _members_see_a_change() -> None:
    """A published material was saved, published or unpublished: the newest materials that
    workers keep for members' dashboards (reading.newest_materials) are retired with the
    content generation. A draft's saving changes nothing members see."""
    bump_generation()


def _attach_files(actor, material: Material, uploads) -> None:
    position = max((link.position for link in material.file_links), default=-1) + 1
    for upload in uploads or ():
        if not upload or not upload.filename:
            continue
        stored = save_upload(actor, upload, FILE_KINDS, FILE_PURPOSE)
        material.file_links.append(MaterialFile(file=stored, position=position))
        position += 1


def _remove_files(material: Material, file_ids) -> None:
    wanted = set(file_ids or ())
    for link in [link for link in material.file_links if link.file_id in wanted]:
        material.file_links.remove(link)
        db.session.delete(link.file)


def publish_material(actor, material: Material, now: datetime | None = None) -> Material:
    """Members of its audience see it from now on. Raises MaterialRuleBroken without a
    Chinese title."""
    if not material.title_zh:
        raise MaterialRuleBroken(_l("Please enter the Chinese title."))
    material.status = "published"
    material.published_at = material.published_at or now or utcnow()
    db.session.flush()
    _members_see_a_change()
    record_event(actor, "material.published", material)
    index_material(material)
    return material


def unpublish_material(actor, material: Material) -> Material:
    material.status = "draft"
    db.session.flush()
    _members_see_a_change()
    record_event(actor, "material.unpublished", material)
    index_material(material)
    return material


# Who studied what (staff) ------------------------------------------------------------------------

def studies_of(material: Material):
    """A select of (enterprise, user, studied_at) of the material, by enterprise then time."""
    return (select(Enterprise.name_zh, Enterprise.name_en, User.name, MaterialStudy.studied_at)
            .join(Enterprise, Enterprise.id == MaterialStudy.enterprise_id)
            .join(User, User.id == MaterialStudy.user_id)
            .where(MaterialStudy.material_id == material.id)
            .order_by(Enterprise.name_zh, MaterialStudy.studied_at))


def studies_by_enterprise():
    """A select of (enterprise, level, materials studied, members who studied, last) for
    every enterprise with at least one mark, by name."""
    return (select(Enterprise.name_zh, Enterprise.name_en, Enterprise.level,
                   func.count(func.distinct(MaterialStudy.material_id)),
                   func.count(func.distinct(MaterialStudy.user_id)),
                   func.max(MaterialStudy.studied_at))
            .join(MaterialStudy, MaterialStudy.enterprise_id == Enterprise.id)
            .group_by(Enterprise.id, Enterprise.name_zh, Enterprise.name_en, Enterprise.level)
            .order_by(Enterprise.name_zh))
