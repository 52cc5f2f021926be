"""Accounts and content the write-load bench works with (bench/writeload.py).

Usage: python bench/writeseed.py MEMBERS   (database from PORTAL_DATABASE_URL, migrated)
Creates an administrator, an editor and MEMBERS members of one enterprise, all with the
password bench-password-2026, a news category and a department; prints nothing.
"""

from __future__ import annotations

import sys
from datetime import date

from portal import create_app
from portal.accounts.services import create_user
from portal.departments.models import Department
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.news.models import Category

PASSWORD = "bench-password-2026"
ENTERPRISE_CODE = complete_code("91110000MA00BENCH")


def seed(members: int) -> None:
    department = Department(name_zh="压测部", name_en="Bench", is_default=True)
    enterprise = Enterprise(name_zh="压测企业有限公司", name_en="Bench Ltd.",
                            credit_code=ENTERPRISE_CODE, status="active", level="member",
                            joined_on=date(2024, 1, 1), expires_on=date(2030, 12, 31))
    db.session.add_all([department, enterprise,
                        Category(name_zh="压测栏目", name_en="Bench", slug="bench", position=9)])
    db.session.flush()
    create_user(email="admin@bench.example.org", name="压测管理员", kind="staff",
                password=PASSWORD, roles=("admin",), department=department)
    create_user(email="editor@bench.example.org", name="压测编辑", kind="staff",
                password=PASSWORD, roles=("editor",), department=department)
    for n in range(members):
        create_user(email=f"member{n}@bench.example.org", name=f"会员{n}", kind="member",
                    password=PASSWORD, enterprise=enterprise)
    db.session.commit()


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        seed(int(sys.argv[1]))
