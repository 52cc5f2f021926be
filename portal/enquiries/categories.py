"""Enquiry categories and routing, kept by admins (/staff/categories/): each names the
department that answers (none: the default department) and its deadline in working days.
Categories in use are never deleted; a retired one is made inactive and leaves the form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.audit.services import record_event
from portal.departments.models import Department
from portal.enquiries.models import EnquiryCategory
from portal.errors import Conflict, NotFound
from portal.extensions import db

FIELDS = ("name_zh", "name_en", "department_id", "deadline_days", "position", "active")


class DuplicateCategory(Conflict):
    message = _l("A category with this Chinese name already exists.")


def list_categories() -> list[EnquiryCategory]:
    return list(db.session.scalars(select(EnquiryCategory).options(
        joinedload(EnquiryCategory.department)).order_by(EnquiryCategory.position,
                                                         EnquiryCategory.id)))


def get_category(category_id: int) -> EnquiryCategory:
    category = db.session.get(EnquiryCategory, category_id)
    if category is None:
        raise NotFound()
    return category


def save_category(actor, category: EnquiryCategory | None, **fields) -> EnquiryCategory:
    """Create (category None) or change a category with FIELDS. Raises DuplicateCategory,
    NotFound for an unknown department."""
    fields = {name: fields[name] for name in FIELDS}
    if fields["department_id"] is not None and db.session.get(
            Department, fields["department_id"]) is None:
        raise NotFound()
    same_name = select(EnquiryCategory.id).where(EnquiryCategory.name_zh == fields["name_zh"])
    if category is not None:
        same_name = same_name.where(EnquiryCategory.id != category.id)
    if db.session.scalar(same_name.limit(1)) is not None:
        raise DuplicateCategory()
    created = category is None
    if created:
        category = EnquiryCategory()
        db.session.add(category)
    old = {name: getattr(category, name) for name in FIELDS}
    for name, value in fields.items():
        setattr(category, name, value)
    db.session.flush()
    changes = {name: [old[name], value] for name, value in fields.items() if old[name] != value}
    if created or changes:
        record_event(actor, "enquiry_category.created" if created else
                     "enquiry_category.updated", category, changes=changes)
    return category
