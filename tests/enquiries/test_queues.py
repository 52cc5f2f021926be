"""The staff queue and its filters, the dashboards, the member list, and that each page runs
a fixed number of SQL statements whatever the number of enquiries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from portal.database import utcnow
from portal.enquiries.models import Enquiry
from portal.extensions import db
from tests.conftest import count_statements
from tests.enquiries.conftest import new_key


def make_enquiries(app, desk, count, category=None, member=None):
    """Submit `count` enquiries through the service (no HTTP), for speed."""
    from portal.accounts.models import User
    from portal.enquiries.submission import submit_enquiry

    references = []
    with app.test_request_context():
        actor = db.session.get(User, (member or desk.member).id)
        for n in range(count):
            references.append(submit_enquiry(
                actor, key=new_key(), category_id=category, subject=f"问题{n}", body="内容",
                channel="portal").enquiry.reference)
        db.session.commit()
    return references


def overdue(app, reference, days=3):
    with app.app_context():
        db.session.execute(update(Enquiry).where(Enquiry.reference == reference).values(
            due_at=utcnow() - timedelta(days=days)))
        db.session.commit()


def rows(page: str) -> list[str]:
    import re

    return re.findall(r'<tr data-reference="([^"]+)"', page)


def test_an_agent_sees_the_department_queue_by_deadline(app, client, login, desk):
    legal = make_enquiries(app, desk, 3, category=desk.categories.legal)
    make_enquiries(app, desk, 2)  # general affairs
    overdue(app, legal[2])
    login(desk.lawyer)
    page = client.get("/staff/enquiries/").get_data(as_text=True)
    assert rows(page) == [legal[2], legal[0], legal[1]]
    assert rows(client.get("/staff/enquiries/?overdue=y").get_data(as_text=True)) == [legal[2]]
    assert rows(client.get(f"/staff/enquiries/?q={legal[1]}").get_data(as_text=True)) == [
        legal[1]]
    assert rows(client.get("/staff/enquiries/?q=问题0").get_data(as_text=True)) == [legal[0]]


def test_filters_by_status_assignee_category_department_and_enterprise(
        app, client, login, desk, as_user):
    from portal.enquiries import lifecycle

    legal = make_enquiries(app, desk, 2, category=desk.categories.legal)
    theirs = make_enquiries(app, desk, 1, category=desk.categories.legal, member=desk.stranger)
    general = make_enquiries(app, desk, 1)
    as_user(desk.lawyer, lifecycle.accept_enquiry, legal[0])
    as_user(desk.lawyer, lifecycle.close_enquiry, legal[1])
    login(desk.admin)

    def listed(query):
        return set(rows(client.get("/staff/enquiries/?" + query).get_data(as_text=True)))

    assert listed("") == {legal[0], theirs[0], general[0]}
    assert listed("status=closed") == {legal[1]}
    assert listed("status=all") == {*legal, *theirs, *general}
    assert listed("status=submitted") == {theirs[0], general[0]}
    assert listed(f"assignee={desk.lawyer.id}") == {legal[0]}
    assert listed("assignee=none") == {theirs[0], general[0]}
    assert listed(f"category={desk.categories.legal}") == {legal[0], theirs[0]}
    assert listed(f"department={desk.general.id}") == {general[0]}
    assert listed("q=青禾") == {legal[0], general[0]}
    assert listed("status=nonsense&category=x&department=y&assignee=z") == listed("")
    assert client.get("/staff/enquiries/?page=99999999999999999999").status_code == 404


def test_dashboards(app, client, make_client, login, desk, as_user):
    from portal.enquiries import lifecycle

    legal = make_enquiries(app, desk, 3, category=desk.categories.legal)
    make_enquiries(app, desk, 1)
    overdue(app, legal[0])
    as_user(desk.lawyer, lifecycle.accept_enquiry, legal[1])
    login(desk.lawyer)
    page = client.get("/staff/").get_data(as_text=True)
    assert "Your queue" in page and rows(page)[0] == legal[0]
    with app.test_request_context():
        from portal.accounts.models import User
        from portal.enquiries.queues import admin_dashboard, agent_dashboard

        figures = agent_dashboard(db.session.get(User, desk.lawyer.id))
        assert figures["queue"] == {"waiting": 3, "new": 2, "due_today": 0, "overdue": 1}
        assert figures["mine"]["waiting"] == 1
        totals = admin_dashboard()["totals"]
        assert totals == {"waiting": 4, "new": 3, "due_today": 0, "overdue": 1}
    admin = make_client()
    login(desk.admin, client=admin)
    page = admin.get("/staff/").get_data(as_text=True)
    assert 'id="department-totals"' in page and "Legal Services" in page
    editor = make_client()
    login(desk.editor, client=editor)
    assert "Your queue" not in editor.get("/staff/").get_data(as_text=True)


def test_the_member_dashboard_and_list_show_the_enterprises_open_enquiries(
        app, client, login, desk, as_user):
    from portal.enquiries import lifecycle

    mine = make_enquiries(app, desk, 2, member=desk.colleague)
    theirs = make_enquiries(app, desk, 1, member=desk.stranger)
    as_user(desk.clerk, lifecycle.close_enquiry, mine[1])
    login(desk.member)
    page = client.get("/members/").get_data(as_text=True)
    assert "has 1 open enquiry" in page and mine[0] in page and theirs[0] not in page
    summary = page.split('id="enquiries-summary"', 1)[1].split("</section>", 1)[0]
    assert 'status-submitted">Submitted</span>' in summary
    assert rows(client.get("/members/enquiries/").get_data(as_text=True)) == [mine[0]]
    assert rows(client.get("/members/enquiries/?show=closed").get_data(as_text=True)) == [
        mine[1]]
    assert set(rows(client.get("/members/enquiries/?show=all").get_data(as_text=True))) == set(
        mine)


@pytest.mark.parametrize("who, url", [
    ("lawyer", "/staff/enquiries/"), ("admin", "/staff/enquiries/?status=all"),
    ("lawyer", "/staff/"), ("admin", "/staff/"), ("member", "/members/"),
    ("member", "/members/enquiries/?show=all"), ("lawyer", "{detail}"),
    ("member", "{member_detail}"), ("admin", "/staff/reports/"),
])
def test_statement_count_does_not_grow_with_enquiries(app, make_client, login, desk, as_user,
                                                      who, url):
    from portal.enquiries import lifecycle

    counts = []
    for size in (2, 12):
        references = make_enquiries(app, desk, size, category=desk.categories.legal)
        for reference in references[-2:]:
            as_user(desk.lawyer, lifecycle.accept_enquiry, reference)
            as_user(desk.lawyer, lifecycle.add_note, reference, "备注")
            as_user(desk.lawyer, lifecycle.reply_to_enquiry, reference, "答复")
        client = make_client()
        login(getattr(desk, who), client=client)
        target = url.format(detail=f"/staff/enquiries/{references[-1]}",
                            member_detail=f"/members/enquiries/{references[-1]}")
        client.get(target)  # warm: the first request loads settings and catalogs
        with count_statements(app) as statements:
            assert client.get(target).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
