"""Study-material rules: editors write and publish materials with files and an audience,
admins keep the categories, members read the materials of their audience and mark them
studied; staff see who studied what.

A member sees a material when it is published and their enterprise is in its audience
(member_condition); anything else is NotFound, as an id that does not exist.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, event, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.database import utcnow
from portal.enterprises.models import Enterprise
from portal.enterprises.services import readable_by, reader_params, set_audience
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.files.models import StoredFile
from portal.files.services import save_upload
from portal.generation import bump_generation, content_memo
from portal.i18n import BilingualName
from portal.materials.indexing import index_material
from portal.materials.models import Material, MaterialCategory, MaterialFile, MaterialStudy
from portal.reading import written_in
from portal.richtext import sanitise_html

FILE_PURPOSE = "material"
FILE_KINDS = ("pdf", "office", "wps", "image", "zip")
TEXT_FIELDS = ("title_zh", "title_en", "description_zh", "description_en")


class MaterialRuleBroken(PortalError):
    pass


def member_condition(enterprise=None):
    """SQL: a member of the enterprise may read the material; without an enterprise, for
    statements built once, its tags are bind parameters (readable_by, _member_params)."""
    return and_(Material.status == "published", readable_by(Material.audience_id, enterprise))


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
    index_material(material)
    return material


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
    record_event(actor, "material.published", material)
    index_material(material)
    return material


def unpublish_material(actor, material: Material) -> Material:
    material.status = "draft"
    db.session.flush()
    record_event(actor, "material.unpublished", material)
    index_material(material)
    return material


# Reading, members -------------------------------------------------------------------------------

class ListedMaterial(NamedTuple):
    id: int
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    published_at: datetime
    category_id: int
    files: int
    studied_at: datetime | None

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_zh

    def description(self, language: str) -> str:
        english = language == "en" and self.title_en and self.description_en
        return self.description_en if english else self.description_zh

    def shown_language(self, language: str) -> str:
        return "en" if language == "en" and self.title_en else "zh_CN"


@cache
def _member_rows(by_category: bool = False):
    """The member's materials, newest first, a page of them (limit, offset): built once, the
    member, enterprise and category are bind parameters (_member_params)."""
    files = (select(func.count(MaterialFile.id)).where(MaterialFile.material_id == Material.id)
             .correlate(Material).scalar_subquery())
    query = (select(Material.id, Material.title_zh, Material.title_en, Material.description_zh,
                    Material.description_en, Material.published_at, Material.category_id,
                    files, MaterialStudy.studied_at)
             .outerjoin(MaterialStudy, and_(MaterialStudy.material_id == Material.id,
                                            MaterialStudy.user_id == bindparam("uid")))
             .where(member_condition())
             .order_by(Material.published_at.desc(), Material.id.desc())
             .limit(written_in("limit")).offset(written_in("offset")))
    if by_category:
        query = query.where(Material.category_id == bindparam("category"))
    return query


def _member_params(user, **more) -> dict:
    return {"uid": user.id, **reader_params(user.enterprise), **more}


def member_materials(user, *, category: int | None = None, q: str = "", page: int = 1,
                     per_page: int = 20) -> tuple[list[ListedMaterial], bool]:
    """A page of the member's materials, newest first, and whether more follow."""
    query = _member_rows(by_category=bool(category))
    if q:
        query = query.where(or_(*(getattr(Material, name).icontains(q, autoescape=True)
                                  for name in TEXT_FIELDS)))
    rows = db.session.execute(query, _member_params(
        user, category=category, limit=per_page + 1, offset=(page - 1) * per_page)).all()
    return [ListedMaterial(*row) for row in rows[:per_page]], len(rows) > per_page


def newest_materials(user, limit: int) -> list[ListedMaterial]:
    return [ListedMaterial(*row) for row in db.session.execute(
        _member_rows(), _member_params(user, limit=limit, offset=0))]


@cache
def _material_for_member():
    return (select(Material)
            .where(Material.id == bindparam("material_id"), member_condition())
            .options(joinedload(Material.category),
                     selectinload(Material.file_links).joinedload(MaterialFile.file)))


def get_material_for(user, material_id: int) -> Material:
    material = db.session.scalars(_material_for_member(), _member_params(
        user, material_id=material_id)).first()
    if material is None:
        raise NotFound()
    return material


def studied_at(user, material: Material) -> datetime | None:
    return db.session.scalar(_STUDIED_AT, {"material_id": material.id, "user_id": user.id})


_STUDIED_AT = select(MaterialStudy.studied_at).where(
    MaterialStudy.material_id == bindparam("material_id"),
    MaterialStudy.user_id == bindparam("user_id"))


def mark_studied(user, material_id: int) -> MaterialStudy | None:
    """The member marks the material studied (已学); once is enough: None when it was."""
    material = get_material_for(user, material_id)
    if studied_at(user, material):
        return None
    study = MaterialStudy(material_id=material.id, user_id=user.id,
                          enterprise_id=user.enterprise_id, studied_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(study)
    except IntegrityError:  # a second click at the same moment
        return None
    return study


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


# Files ------------------------------------------------------------------------------------------

def can_download_file(stored: StoredFile, user) -> bool:
    """A material's file: editors always; a member when their enterprise may read the
    material now. Visitors never."""
    if getattr(user, "is_authenticated", False) and user.has_role("editor"):
        return True
    if not getattr(user, "is_member", False) or user.enterprise is None:
        return False
    return db.session.scalar(select(Material.id).join(MaterialFile).where(
        MaterialFile.file_id == stored.id, member_condition(user.enterprise))) is not None
