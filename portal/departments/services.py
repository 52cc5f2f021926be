"""Departments of the secretariat: listing, creating, renaming, choosing the default one.

The default department receives uncategorised and guest enquiries; exactly one is default.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.database import duplicates_as, write_lock
from portal.departments.models import Department
from portal.errors import Conflict
from portal.extensions import db


class DuplicateDepartment(Conflict):
    message = _l("A department with this Chinese name already exists.")


def departments_with_counts() -> list[tuple[Department, int]]:
    """Every department with its number of staff users, in one query, by Chinese name."""
    return list(db.session.execute(
        select(Department, func.count(User.id))
        .outerjoin(User, User.department_id == Department.id)
        .group_by(Department.id).order_by(Department.name_zh)).tuples())


def all_departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.name_zh)))


def default_department() -> Department | None:
    """The department that receives what no rule routes elsewhere (uncategorised and guest
    enquiries); None only before any department exists."""
    department = db.session.scalar(select(Department).where(Department.is_default.is_(True))
                                   .order_by(Department.id).limit(1))
    return department or db.session.scalar(select(Department).order_by(Department.id).limit(1))


def _check_name(name_zh: str, except_id: int | None = None) -> None:
    query = select(Department.id).where(Department.name_zh == name_zh)
    if except_id is not None:
        query = query.where(Department.id != except_id)
    if db.session.scalar(query.limit(1)) is not None:
        raise DuplicateDepartment()


def create_department(actor, *, name_zh: str, name_en: str = "") -> Department:
    """Add a department; the first one becomes the default. Raises DuplicateDepartment."""
    write_lock()  # "the first one" is read, then written
    _check_name(name_zh)
    first = db.session.scalar(select(Department.id).limit(1)) is None
    department = Department(name_zh=name_zh, name_en=name_en or "", is_default=first)
    with duplicates_as(DuplicateDepartment, "uq_departments_name_zh"):
        db.session.add(department)
        db.session.flush()
    record_event(actor, "department.created", department, name_zh=name_zh, name_en=name_en)
    return department


def rename_department(actor, department: Department, *, name_zh: str, name_en: str) -> None:
    """Change the Chinese and English names. Raises DuplicateDepartment."""
    _check_name(name_zh, except_id=department.id)
    old = [department.name_zh, department.name_en]
    if old == [name_zh, name_en]:
        return
    with duplicates_as(DuplicateDepartment, "uq_departments_name_zh"):
        department.name_zh, department.name_en = name_zh, name_en
        db.session.flush()
    record_event(actor, "department.renamed", department, old=old, new=[name_zh, name_en])


def set_default_department(actor, department: Department) -> None:
    """Make this the one default department."""
    write_lock()  # the previous default is read, then changed
    db.session.refresh(department)
    if department.is_default:
        return
    previous = db.session.scalar(select(Department).where(Department.is_default.is_(True)))
    db.session.execute(update(Department).where(Department.id != department.id)
                       .values(is_default=False))
    department.is_default = True
    db.session.flush()
    record_event(actor, "department.default_changed", department,
                 previous=previous.name_zh if previous else None, new=department.name_zh)
