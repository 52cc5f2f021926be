"""The member pages and the receipt report run the same number of SQL statements whatever the
number of notices, materials, enterprises and receipts."""

from __future__ import annotations

import pytest

from tests.conftest import count_statements


@pytest.fixture
def fill(app, make_enterprise, make_user, publish_notice):
    """fill(n): n notices (some asking for acknowledgement), n materials, n enterprises with a
    member each who has read every notice; returns the last notice id."""
    from portal.database import utcnow
    from portal.enterprises.services import set_audience
    from portal.extensions import db
    from portal.materials.models import Material, MaterialCategory

    def fill(n: int) -> int:
        last = None
        for i in range(n):
            last = publish_notice(title_zh=f"通知{i}", ack=i % 2 == 0)
        for _ in range(n):
            make_user(enterprise=make_enterprise())
        with app.app_context():
            category = MaterialCategory(name_zh=f"分类{n}")
            for i in range(n):
                db.session.add(Material(category=category, title_zh=f"资料{i}",
                                        status="published", published_at=utcnow(),
                                        audience=set_audience(None, "all")))
            db.session.commit()
        return last

    return fill


def test_member_pages_and_the_report_in_a_constant_number_of_statements(
        app, make_client, login, editor, directors, fill):
    _, dong, _ = directors
    counts = []
    for size in (1, 8):
        notice_id = fill(size)
        member, staff = make_client(), make_client()
        login(dong, client=member)
        login(editor, client=staff)
        for notice in range(notice_id - size + 1, notice_id + 1):
            member.get(f"/members/notices/{notice}")  # a receipt for each
        pages = [(member, "/members/"), (member, "/members/notices/"),
                 (member, f"/members/notices/{notice_id}"), (member, "/members/materials/"),
                 (staff, f"/staff/notices/{notice_id}/report"), (staff, "/staff/notices/")]
        seen = []
        for client, url in pages:
            client.get(url)  # warm-up
            with count_statements(app) as statements:
                assert client.get(url).status_code == 200, url
            seen.append(len(statements))
        counts.append(seen)
    assert counts[0] == counts[1], counts


def test_the_receipt_report_is_planned_for_its_notice_on_postgresql(
        app, make_client, login, editor, directors, fill):
    """The report and its download join a notice's receipts to every enterprise; planned
    without the notice (PostgreSQL's generic plan) that join took ten times as long at 2,000
    enterprises. On PostgreSQL their statements run after SET LOCAL plan_cache_mode in
    their transaction; a member's list leaves the setting alone, and SQLite (which plans
    every statement for its values) never sees it."""
    with app.app_context():
        from portal.extensions import db
        postgresql = db.engine.dialect.name == "postgresql"
    notice_id = fill(2)
    staff = make_client()
    login(editor, client=staff)
    for url in (f"/staff/notices/{notice_id}/report", f"/staff/notices/{notice_id}/report.csv"):
        with count_statements(app) as statements:
            response = staff.get(url)
            assert response.status_code == 200, url
            response.get_data()  # the download is streamed: its rows are read now
        custom = [n for n, sql in enumerate(statements) if "force_custom_plan" in sql]
        reads = [n for n, sql in enumerate(statements) if "FROM notice_reads" in sql]
        assert reads, (url, statements)
        if postgresql:  # once, before the first statement that reads receipts
            assert len(custom) == 1 and custom[0] < reads[0], (url, statements)
        else:
            assert not custom, (url, statements)
    member = make_client()
    login(directors[1], client=member)
    with count_statements(app) as statements:
        assert member.get("/members/notices/").status_code == 200
    assert not any("plan_cache_mode" in sql for sql in statements)
