"""The demo departments of the secretariat."""

from __future__ import annotations

from portal.departments.models import Department
from portal.extensions import db

DEPARTMENTS = [
    ("综合事务部", "General Affairs Department", True),
    ("会员部", "Membership Department", False),
    ("法律服务部", "Legal Services Department", False),
    ("宣传部", "Publicity Department", False),
]


def load_demo() -> None:
    for name_zh, name_en, is_default in DEPARTMENTS:
        db.session.add(Department(name_zh=name_zh, name_en=name_en, is_default=is_default))
    db.session.flush()
