"""Canned replies: a department's ready-made answers, which its agents insert into a reply
and edit before sending. Agents keep their own department's; admins any department's."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.audit.services import record_event
from portal.departments.models import Department
from portal.enquiries.models import CannedReply
from portal.errors import NotFound, PortalError
from portal.extensions import db


class CannedReplyRuleBroken(PortalError):
    pass


def replies_for(department_id: int) -> list[CannedReply]:
    return list(db.session.scalars(select(CannedReply).where(
        CannedReply.department_id == department_id).order_by(CannedReply.title, CannedReply.id)))


def manageable_departments(user) -> list[Department]:
    """The departments whose canned replies the user keeps."""
    query = select(Department).order_by(Department.name_zh)
    if not user.has_role("admin"):
        query = query.where(Department.id == user.department_id)
    return list(db.session.scalars(query))


def list_replies(user) -> list[CannedReply]:
    ids = [d.id for d in manageable_departments(user)]
    return list(db.session.scalars(select(CannedReply).where(CannedReply.department_id.in_(ids))
                                   .options(joinedload(CannedReply.department))
                                   .order_by(CannedReply.department_id, CannedReply.title)))


def get_reply_for(user, reply_id: int) -> CannedReply:
    """A canned reply of a department the user keeps; NotFound otherwise."""
    reply = db.session.get(CannedReply, reply_id)
    if reply is None or reply.department_id not in {d.id for d in manageable_departments(user)}:
        raise NotFound()
    return reply


def _check_department(user, department_id: int) -> None:
    if department_id not in {d.id for d in manageable_departments(user)}:
        raise CannedReplyRuleBroken(_l("Please choose your own department."))


def save_reply(actor, reply: CannedReply | None, *, department_id: int, title: str,
               body: str) -> CannedReply:
    """Create (reply None) or change a canned reply. Raises CannedReplyRuleBroken."""
    _check_department(actor, department_id)
    created = reply is None
    if created:
        reply = CannedReply()
        db.session.add(reply)
    reply.department_id, reply.title, reply.body = department_id, title, body
    reply.updated_by_id = actor.id
    db.session.flush()
    record_event(actor, "canned_reply.created" if created else "canned_reply.updated", reply,
                 title=title)
    return reply


def delete_reply(actor, reply: CannedReply) -> None:
    db.session.delete(reply)
    db.session.flush()
    record_event(actor, "canned_reply.deleted", None, title=reply.title)
