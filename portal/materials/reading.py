"""What members read of the study materials: the list of their enterprise's materials, a
material's page, marking it studied (已学), and who may download a material's file.

A member sees a material when it is published and their enterprise is in its audience
(member_condition); anything else is NotFound, as an id that does not exist. The statements
are built once, with their enterprise's tags and the page as bind parameters. The member's
已学 marks are a set the worker keeps under users.material_studies_version (portal/kept.py),
and the dashboard's newest materials are kept per audience and content generation (saving,
publishing or unpublishing a published material bumps it: services.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from flask import g
from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.database import utcnow
from portal.enterprises.services import readable_by, reader_params
from portal.errors import NotFound
from portal.extensions import db
from portal.files.models import StoredFile
from portal.generation import content_memo
from portal.kept import id_list, kept_sets, move_version_on, parse_ids
from portal.materials.models import Material, MaterialFile, MaterialStudy, MaterialText
from portal.materials.services import TEXT_FIELDS
from portal.reading import written_in


def member_condition(enterprise=None):
    """SQL: a member of the enterprise may read the material; without an enterprise, for
    statements built once, its tags are bind parameters (readable_by, _member_params)."""
    return and_(Material.status == "published", readable_by(Material.audience_id, enterprise))



class ListedMaterial(NamedTuple):
    id: int
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    published_at: datetime
    category_id: int
    files: int
    studied: bool  # the member has marked it 已学

    has_english = MaterialText.has_english
    title = MaterialText.title
    description = MaterialText.description
    shown_language = MaterialText.shown_language


NEWEST_KEPT = 5000  # the dashboard's newest materials: their ids per audience (enterprise)


@cache
def _member_rows(by_category: bool = False):
    """The member's materials, newest first, a page of them (limit, offset): built once, the
    enterprise's tags and the category are bind parameters (_member_params)."""
    files = (select(func.count(MaterialFile.id)).where(MaterialFile.material_id == Material.id)
             .correlate(Material).scalar_subquery())
    query = (select(Material.id, Material.title_zh, Material.title_en, Material.description_zh,
                    Material.description_en, Material.published_at, Material.category_id,
                    files)
             .where(member_condition())
             .order_by(Material.published_at.desc(), Material.id.desc())
             .limit(written_in("limit")).offset(written_in("offset")))
    if by_category:
        query = query.where(Material.category_id == bindparam("category"))
    return query


def _member_params(user, **more) -> dict:
    return {**reader_params(user.enterprise), **more}


def _listed(user, rows) -> list[ListedMaterial]:
    studied = studied_ids(user)
    return [ListedMaterial(*row, row[0] in studied) for row in rows]


def member_materials(user, *, category: int | None = None, q: str = "", page: int = 1,
                     per_page: int = 20) -> tuple[list[ListedMaterial], bool]:
    """A page of the member's materials, newest first, and whether more follow."""
    query = _member_rows(by_category=bool(category))
    if q:
        query = query.where(or_(*(getattr(Material, name).icontains(q, autoescape=True)
                                  for name in TEXT_FIELDS)))
    rows = db.session.connection().execute(query, _member_params(
        user, category=category, limit=per_page + 1, offset=(page - 1) * per_page)).all()
    return _listed(user, rows[:per_page]), len(rows) > per_page


def newest_materials(user, limit: int) -> list[ListedMaterial]:
    """The newest `limit` materials the member's enterprise may read (the dashboard's): the
    same for every member of the enterprise until a material changes, so kept by the worker
    for the content generation and read when missing."""
    params = _member_params(user, limit=limit, offset=0)
    memo = content_memo("member_materials")
    newest, rows = memo.setdefault("newest", {}), memo.setdefault("rows", {})
    key = (params["level_tag"], params["enterprise_tag"], limit)
    ids = newest.get(key)
    found = [] if ids is None else [rows.get(material_id) for material_id in ids]
    if ids is None or None in found:  # (None: another thread emptied the rows)
        if len(newest) >= NEWEST_KEPT:
            newest.clear()
            rows.clear()
        found = [tuple(row) for row in db.session.connection().execute(_member_rows(), params)]
        rows.update((row[0], row) for row in found)  # one copy of a row for all audiences
        newest[key] = tuple(row[0] for row in found)
    return _listed(user, found)


def studies_key(user) -> tuple[str, int]:
    """The member's 已学 marks among the worker's kept sets (portal/kept.py)."""
    return ("studies", user.id)


_STUDIED_IDS = select(id_list(MaterialStudy.material_id,
                              MaterialStudy.user_id == bindparam("uid")))


def studied_ids(user) -> frozenset[int]:
    """The materials the member has marked 已学: kept by the worker under the member's study
    version, read when it changed (once per request)."""
    in_request = f"materials_studied_by_{user.id}"
    if in_request not in g:
        kept = kept_sets()
        ids = kept.get(studies_key(user), user.material_studies_version)
        if ids is None:
            ids = parse_ids(db.session.connection().execute(
                _STUDIED_IDS, {"uid": user.id}).scalar())
            kept.put(studies_key(user), user.material_studies_version, ids)
        setattr(g, in_request, ids)
    return g.get(in_request)


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
    # Retires the marks workers keep of the member (portal/kept.py) when it commits. The
    # user's record in this session keeps the old version: were the transaction rolled back,
    # a set read now would otherwise be kept under a version the next mark takes again.
    move_version_on(db.session, User.material_studies_version, user.id)
    g.pop(f"materials_studied_by_{user.id}", None)
    return study


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
