"""The demo accounts (README, "Demo accounts"): secretariat staff, and members of the demo
enterprises. Every one signs in with DEMO_PASSWORD."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.services import create_user
from portal.departments.models import Department
from portal.enterprises.models import Enterprise
from portal.extensions import db

DEMO_PASSWORD = "portal-demo-2026"

STAFF = [
    ("admin@example.org", "周秘书长", ["admin"], "综合事务部"),
    ("editor@example.org", "林编辑", ["editor"], "宣传部"),
    ("agent@example.org", "王律师", ["agent"], "法律服务部"),
    ("agent2@example.org", "陈专员", ["agent"], "综合事务部"),
]
MEMBERS = [
    # e-mail, name, enterprise (Chinese name), primary contact, language
    ("member1@example.org", "李明", "青禾智能装备有限公司", True, None),
    ("member1b@example.org", "赵静", "青禾智能装备有限公司", False, None),
    ("member2@example.org", "Grace Liu", "远帆跨境物流股份有限公司", True, "en"),
    ("suspended@example.org", "孙强", "松林食品科技有限公司", True, None),
]


def load_demo() -> None:
    departments = {d.name_zh: d for d in db.session.scalars(select(Department))}
    enterprises = {e.name_zh: e for e in db.session.scalars(select(Enterprise))}
    for email, name, roles, department in STAFF:
        create_user(email=email, name=name, kind="staff", roles=roles,
                    department=departments[department], password=DEMO_PASSWORD)
    for email, name, enterprise, primary, language in MEMBERS:
        create_user(email=email, name=name, kind="member", enterprise=enterprises[enterprise],
                    is_primary_contact=primary, language=language, password=DEMO_PASSWORD)
