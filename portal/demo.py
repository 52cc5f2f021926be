"""Demo content for development: departments, enterprises, accounts and the settings record.

All names, addresses and numbers here are invented for the demo.
"""

from __future__ import annotations

from datetime import date

from portal.accounts.models import Department
from portal.accounts.services import create_user
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.settings.models import SiteSettings

DEMO_PASSWORD = "portal-demo-2026"

DEPARTMENTS = [
    ("综合事务部", "General Affairs Department", True),
    ("会员部", "Membership Department", False),
    ("法律服务部", "Legal Services Department", False),
    ("宣传部", "Publicity Department", False),
]

ENTERPRISES = [
    # name_zh, name_en, first 17 of the credit code, level, status, joined, expires
    ("青禾智能装备有限公司", "Qinghe Intelligent Equipment Co., Ltd.", "91110108MA01ABCD1",
     "vice_president", "active", date(2019, 3, 12), date(2027, 3, 11)),
    ("远帆跨境物流股份有限公司", "Yuanfan Cross-border Logistics Co., Ltd.", "91310115MA1H2K3L4",
     "director", "active", date(2021, 6, 1), date(2027, 5, 31)),
    ("松林食品科技有限公司", "Songlin Food Technology Co., Ltd.", "91440300MA5D6E7F8",
     "member", "suspended", date(2020, 9, 20), date(2026, 9, 19)),
    ("明川新材料集团有限公司", "Mingchuan New Materials Group Co., Ltd.", "91330100MA2B3C4D5",
     "president", "active", date(2016, 1, 8), date(2028, 1, 7)),
]

SETTINGS = dict(
    site_name_zh="会员服务门户",
    site_name_en="Member Services Portal",
    hotline="010-6500 1234",
    fax="010-6500 1235",
    email="service@example.org",
    address_zh="北京市东城区示例大街 88 号商会大厦 6 层",
    address_en="6/F Chamber Building, 88 Example Street, Dongcheng District, Beijing",
    postcode="100010",
    icp_number="京ICP备00000000号-1",
    security_filing_number="京公网安备 11010100000000号",
)


def load_demo() -> None:
    """Add the demo records (flushes, the caller commits)."""
    db.session.merge(SiteSettings(id=1, **SETTINGS))
    depts = {}
    for name_zh, name_en, is_default in DEPARTMENTS:
        depts[name_zh] = Department(name_zh=name_zh, name_en=name_en, is_default=is_default)
        db.session.add(depts[name_zh])
    ents = []
    for name_zh, name_en, first17, level, status, joined, expires in ENTERPRISES:
        ent = Enterprise(name_zh=name_zh, name_en=name_en, credit_code=complete_code(first17),
                         level=level, status=status, joined_on=joined, expires_on=expires)
        db.session.add(ent)
        ents.append(ent)
    db.session.flush()

    staff = [
        ("admin@example.org", "周秘书长", ["admin"], "综合事务部"),
        ("editor@example.org", "林编辑", ["editor"], "宣传部"),
        ("agent@example.org", "王律师", ["agent"], "法律服务部"),
        ("agent2@example.org", "陈专员", ["agent"], "综合事务部"),
    ]
    for email, name, roles, dept in staff:
        create_user(email=email, name=name, kind="staff", roles=roles, department=depts[dept],
                    password=DEMO_PASSWORD)
    members = [
        ("member1@example.org", "李明", ents[0], True, None),
        ("member1b@example.org", "赵静", ents[0], False, None),
        ("member2@example.org", "Grace Liu", ents[1], True, "en"),
        ("suspended@example.org", "孙强", ents[2], True, None),
    ]
    for email, name, ent, primary, language in members:
        create_user(email=email, name=name, kind="member", enterprise=ent,
                    is_primary_contact=primary, language=language, password=DEMO_PASSWORD)
    from portal.accounts.services import find_user_by_email
    from portal.news.demo_content import load_news_demo

    load_news_demo(editor=find_user_by_email("editor@example.org"))
