"""Study materials in the search index: "members" documents whose readers are the
material's audience tags (found only by the enterprises that may read it)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from markupsafe import Markup
from sqlalchemy import func, select

from portal.extensions import db
from portal.search.services import Document, replace_documents

KIND = "material"


def material_path(material_id: int) -> str:
    return current_app.url_map.bind("localhost").build("members.materials.detail",
                                                       {"material_id": material_id})


def _plain(*parts: str) -> str:
    return " ".join(Markup(part or "").striptags() for part in parts).strip()


def material_documents(material) -> list[Document]:
    if material.status != "published" or material.published_at is None:
        return []
    common = dict(kind=KIND, object_id=material.id, url=material_path(material.id),
                  published_at=material.published_at, audience="members",
                  readers=material.audience.tag_names)
    docs = [Document(language="zh_CN", title=material.title_zh,
                     fallback=not material.has_english,
                     body=_plain(material.description_zh, material.body_zh), **common)]
    if material.has_english:
        docs.append(Document(language="en", title=material.title_en,
                             body=_plain(material.description_en, material.body_en), **common))
    return docs


def index_material(material) -> None:
    replace_documents(KIND, material.id, material_documents(material))


def _indexable():
    from portal.materials.models import Material

    return select(Material).where(Material.status == "published")


def count_indexable() -> int:
    return db.session.scalar(select(func.count()).select_from(_indexable().subquery())) or 0


def all_documents(batch: int = 1000) -> Iterator[list]:
    from portal.materials.models import Material

    last = 0
    while True:
        materials = list(db.session.scalars(_indexable().where(Material.id > last)
                                            .order_by(Material.id).limit(batch)))
        if not materials:
            return
        last = materials[-1].id
        yield [doc for material in materials for doc in material_documents(material)]
