"""Bulk-load N synthetic enquiries for `make bench` (fast Core inserts), with what they need:
departments, categories, the 2026 calendar, enterprises, a member and an agent to sign in.

Usage: python bench/load_enquiries.py N   (database from PORTAL_DATABASE_URL; adds to what
is there). The enquiries are from the year before, mostly closed, about one in twenty still
waiting (some overdue), spread over the departments and enterprises; their references use
the year before's counter, so new submissions number from 1 in the current year.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from portal import create_app
from portal.accounts.models import User
from portal.departments.models import Department
from portal.enquiries.models import Enquiry, EnquiryCategory, ReferenceCounter
from portal.enquiries.references import format_reference
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.workdays.demo import calendar_2026
from portal.workdays.models import CalendarDay

PASSWORD = "bench-password-2026"
MEMBER, AGENT = "member@bench.example.org", "agent@bench.example.org"
DEPARTMENTS = [("综合事务部", "General Affairs", True), ("会员部", "Membership", False),
               ("法律服务部", "Legal Services", False), ("宣传部", "Publicity", False)]
CATEGORIES = [("政策咨询", "综合事务部"), ("法律咨询", "法律服务部"), ("会员服务", "会员部"),
              ("融资服务", "会员部"), ("国际合作", "综合事务部"), ("其他", None)]
SUBJECTS = ("研发费用加计扣除 劳动合同 商标注册 融资担保 出口退税 会费发票 展会组团 "
            "知识产权 稳岗补贴 合同纠纷 数据合规 跨境结算").split()
STATUSES = ["closed"] * 90 + ["answered"] * 5 + ["submitted", "accepted"] + ["in_progress"] * 3


def fixtures() -> tuple[dict, list[int], list[int]]:
    """Departments, categories, the calendar, 50 enterprises and the two bench users, once."""
    departments = {d.name_zh: d.id for d in db.session.scalars(select(Department))}
    if not departments:
        for name_zh, name_en, default in DEPARTMENTS:
            db.session.add(Department(name_zh=name_zh, name_en=name_en, is_default=default))
        db.session.flush()
        departments = {d.name_zh: d.id for d in db.session.scalars(select(Department))}
        for position, (name, department) in enumerate(CATEGORIES):
            db.session.add(EnquiryCategory(name_zh=name, name_en=name, position=position,
                                           deadline_days=5,
                                           department_id=departments.get(department)))
        for day, kind, name in calendar_2026():
            db.session.add(CalendarDay(day=day, kind=kind, name=name))
        for n in range(50):
            db.session.add(Enterprise(name_zh=f"压测企业{n:02d}有限公司", name_en=f"Bench {n}",
                                      credit_code=complete_code(f"91110000BENCH{n:04d}"),
                                      joined_on=date(2020, 1, 1)))
        db.session.flush()
        hashed = generate_password_hash(PASSWORD)
        first = db.session.scalar(select(Enterprise.id).order_by(Enterprise.id))
        db.session.add(User(email=MEMBER, name="压测会员", kind="member", enterprise_id=first,
                            password_hash=hashed, is_primary_contact=True))
        agent = User(email=AGENT, name="压测承办人", kind="staff",
                     department_id=departments["法律服务部"], password_hash=hashed)
        agent.set_roles(["agent"])
        db.session.add(agent)
        db.session.flush()
    categories = list(db.session.scalars(select(EnquiryCategory.id)))
    enterprises = list(db.session.scalars(select(Enterprise.id)))
    return departments, categories, enterprises


def load(count: int) -> None:
    departments, categories, enterprises = fixtures()
    by_category = dict(db.session.execute(select(EnquiryCategory.id,
                                                 EnquiryCategory.department_id)).all())
    author = db.session.scalar(select(User.id).where(User.email == MEMBER))
    year = datetime.now(UTC).year - 1
    existing = db.session.scalar(select(func.count(Enquiry.id)).where(
        Enquiry.reference.like(f"ZX-{year}-%"))) or 0
    rng = random.Random(existing)
    start = datetime(year, 1, 1, 1, 0, tzinfo=UTC)
    for first in range(0, count, 2000):
        rows = []
        for n in range(existing + first, existing + min(first + 2000, count)):
            submitted = start + timedelta(seconds=rng.randint(0, 364 * 86400))
            category = rng.choice(categories)
            status = rng.choice(STATUSES)
            due = submitted + timedelta(days=7)
            if status != "closed" and rng.random() < 0.7:  # still waiting, due soon or late
                due = datetime.now(UTC) + timedelta(days=rng.randint(-10, 10))
            answered = submitted + timedelta(hours=rng.randint(1, 200)) if status in (
                "answered", "closed") else None
            rows.append(dict(
                reference=format_reference(year, n + 1), category_id=category,
                department_id=by_category[category] or departments["综合事务部"],
                enterprise_id=rng.choice(enterprises), author_id=author,
                subject=rng.choice(SUBJECTS) + "咨询", status=status, channel="portal",
                guest_name="", guest_email="", phone="", language="zh_CN",
                submitted_at=submitted, updated_at=answered or submitted, first_due_at=due,
                due_at=due, first_answered_at=answered,
                first_response_minutes=rng.randint(30, 2400) if answered else None,
                closed_at=answered if status == "closed" else None,
                rating=rng.choice(["satisfied", "fairly_satisfied", "unsatisfied", None])
                if status == "closed" else None, rating_comment=""))
        db.session.execute(insert(Enquiry), rows)
    counter = db.session.get(ReferenceCounter, year)
    if counter is None:
        db.session.add(ReferenceCounter(year=year, value=existing + count))
    else:
        counter.value = existing + count
    db.session.commit()


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        load(int(sys.argv[1]))
