"""Lists of enquiries: the staff queue with its filters, the dashboards' figures, and the
members' list. Each is a fixed number of queries whatever the number of enquiries: the
queue's rows come with their category, department, enterprise and assignee in one
statement, ordered along an index (ix_enquiries_department_queue and its siblings).
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.database import utcnow
from portal.departments.models import Department
from portal.enquiries.models import STATUSES, WAITING, Enquiry, EnquiryCategory, waiting
from portal.enquiries.visibility import visible_to
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.reading import written_in
from portal.workdays.services import end_of_today

OPEN = ("submitted", "accepted", "in_progress", "answered")


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _row_options():
    return (joinedload(Enquiry.category), joinedload(Enquiry.department),
            joinedload(Enquiry.enterprise), joinedload(Enquiry.assignee))


def staff_queue(user, *, status: str = "", category: str = "", department: str = "",
                assignee: str = "", overdue: bool = False, q: str = "", now=None):
    """A select() of the enquiries the user may see, filtered by allow-listed values (an
    unknown value is ignored): waiting ones (the default) by deadline, others newest first."""
    now = now or utcnow()
    query = select(Enquiry).where(visible_to(user)).options(*_row_options())
    if status in STATUSES:
        query = query.where(Enquiry.status == status)
    elif status != "all":
        query = query.where(waiting())
    if category == "none":
        query = query.where(Enquiry.category_id.is_(None))
    elif category.isdigit():
        query = query.where(Enquiry.category_id == int(category))
    if department.isdigit():
        query = query.where(Enquiry.department_id == int(department))
    if assignee == "me":
        query = query.where(Enquiry.assignee_id == user.id)
    elif assignee == "none":
        query = query.where(Enquiry.assignee_id.is_(None))
    elif assignee.isdigit():
        query = query.where(Enquiry.assignee_id == int(assignee))
    if overdue:
        query = query.where(waiting(), Enquiry.due_at < now)
    if q:
        pattern = _like(q[:100])
        matching = select(Enterprise.id).where(or_(Enterprise.name_zh.like(pattern, escape="\\"),
                                                   Enterprise.name_en.like(pattern, escape="\\")))
        query = query.where(or_(Enquiry.reference == q.upper(),
                                Enquiry.subject.like(pattern, escape="\\"),
                                Enquiry.guest_name.like(pattern, escape="\\"),
                                Enquiry.enterprise_id.in_(matching)))
    waiting_only = status in WAITING or status not in (*STATUSES, "all") or overdue
    if waiting_only:
        return query.order_by(Enquiry.due_at, Enquiry.id)
    return query.order_by(Enquiry.submitted_at.desc(), Enquiry.id.desc())


def filter_choices(user) -> dict:
    """The queue filter's categories, departments and assignees (three queries)."""
    categories = list(db.session.scalars(select(EnquiryCategory).order_by(
        EnquiryCategory.position, EnquiryCategory.id)))
    departments = list(db.session.scalars(select(Department).order_by(Department.name_zh)))
    agents = select(User).where(User.kind == "staff", User.roles.contains("agent"))
    if not user.has_role("admin"):
        agents = agents.where(User.department_id == user.department_id)
    return {"categories": categories, "departments": departments,
            "agents": list(db.session.scalars(agents.order_by(User.name, User.id)))}


def _counts(condition, now: datetime) -> dict:
    """new, waiting, due today and overdue among the enquiries matching `condition`."""
    end = end_of_today(now)
    row = db.session.execute(select(
        func.count(Enquiry.id),
        func.coalesce(func.sum(case((Enquiry.status == "submitted", 1), else_=0)), 0),
        func.coalesce(func.sum(case((and_(Enquiry.due_at >= now, Enquiry.due_at < end), 1),
                                    else_=0)), 0),
        func.coalesce(func.sum(case((Enquiry.due_at < now, 1), else_=0)), 0),
    ).where(condition, waiting())).one()
    return {"waiting": row[0], "new": row[1], "due_today": row[2], "overdue": row[3]}


def agent_dashboard(user, now=None, limit: int = 8) -> dict:
    """An agent's /staff/: their queue's figures, what is assigned to them, and the
    enquiries nearest their deadline (four queries)."""
    now = now or utcnow()
    mine = _counts(and_(visible_to(user), Enquiry.assignee_id == user.id), now)
    queue = _counts(visible_to(user), now)
    nearest = db.session.scalars(select(Enquiry).where(visible_to(user),
                                                       waiting())
                                 .options(*_row_options())
                                 .order_by(Enquiry.due_at, Enquiry.id).limit(limit)).all()
    return {"queue": queue, "mine": mine, "nearest": nearest, "now": now}


def admin_dashboard(now=None, limit: int = 10) -> dict:
    """The secretariat's figures per department, their totals, and the enquiries nearest
    their deadline (three queries)."""
    now = now or utcnow()
    end = end_of_today(now)
    rows = db.session.execute(
        select(Department,
               func.count(Enquiry.id),
               func.coalesce(func.sum(case((Enquiry.status == "submitted", 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(Enquiry.due_at >= now, Enquiry.due_at < end),
                                            1), else_=0)), 0),
               func.coalesce(func.sum(case((Enquiry.due_at < now, 1), else_=0)), 0))
        .outerjoin(Enquiry, and_(Enquiry.department_id == Department.id,
                                 waiting()))
        .group_by(Department.id).order_by(Department.name_zh)).all()
    departments = [(d, {"waiting": w, "new": n, "due_today": t, "overdue": o})
                   for d, w, n, t, o in rows]
    totals = {key: sum(figures[key] for _, figures in departments)
              for key in ("waiting", "new", "due_today", "overdue")}
    nearest = db.session.scalars(select(Enquiry).where(waiting())
                                 .options(*_row_options())
                                 .order_by(Enquiry.due_at, Enquiry.id).limit(limit)).all()
    return {"departments": departments, "totals": totals, "nearest": nearest, "now": now}


def member_list(user, *, show: str = "open"):
    """A select() of the enterprise's enquiries, newest first: "open" (not closed), "closed"
    or anything else for all."""
    query = (select(Enquiry).where(visible_to(user))
             .options(joinedload(Enquiry.category), joinedload(Enquiry.author))
             .order_by(Enquiry.submitted_at.desc(), Enquiry.id.desc()))
    if show == "open":
        query = query.where(Enquiry.status.in_(OPEN))
    elif show == "closed":
        query = query.where(Enquiry.status == "closed")
    return query


class OpenEnquiry(NamedTuple):
    """What the member dashboard shows of an open enquiry."""
    reference: str
    subject: str
    status: str
    updated_at: datetime

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])


def member_summary(user, limit: int = 5) -> dict:
    """The member dashboard's block: the enterprise's open enquiries, the most recently
    changed first, with how many there are (one statement, built once, read as plain rows:
    the ORM's loading cost more than the statement)."""
    if not getattr(user, "is_member", False):
        return {"enquiries": [], "open": 0}
    rows = db.session.connection().execute(
        _member_open(), {"enterprise_id": user.enterprise_id, "limit": limit}).all()
    return {"enquiries": [OpenEnquiry(*row[:-1]) for row in rows],
            "open": rows[0][-1] if rows else 0}


@cache
def _member_open():
    """A member's open enquiries; visible_to() for a member, with the enterprise a parameter."""
    return (select(Enquiry.reference, Enquiry.subject, Enquiry.status, Enquiry.updated_at,
                   func.count().over())
            .where(Enquiry.enterprise_id == bindparam("enterprise_id"), Enquiry.status.in_(OPEN))
            .order_by(Enquiry.updated_at.desc(), Enquiry.id.desc())
            .limit(written_in("limit")))
