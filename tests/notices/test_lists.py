"""The member's notice lists and the dashboard's pieces, picked from the worker's index of
readable notices (portal/notices/readable.py) and read by key: the order, the pages, a
member who has read everything, and what awaits the enterprise's acknowledgement."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from portal.database import utcnow
from portal.extensions import db
from tests.notices.test_unread_count import badge, titles

START = utcnow() - timedelta(days=40)


def published_in_order(publish_notice, specs) -> list[int]:
    """Publish each (title, options) an hour after the one before it; their ids."""
    ids = []
    for hour, (title, options) in enumerate(specs):
        with time_machine.travel(START + timedelta(hours=hour), tick=False):
            ids.append(publish_notice(title_zh=title, **options))
    return ids


def test_a_member_who_has_read_nearly_every_notice_pages_through_them_in_list_order(
        client, login, directors, ordinary, publish_notice):
    enterprise, dong, _ = directors
    specs = [(f"通知{n:02d}", {}) for n in range(25)]
    specs[3] = ("置顶旧通知", {"pinned": True})
    specs[10] = ("致本企业", {"scope": "enterprises", "enterprise_ids": [enterprise.id]})
    specs[11] = ("致会员单位", {"scope": "levels", "levels": ["member"]})
    ids = published_in_order(publish_notice, specs)
    login(dong)
    for notice_id in ids[:6] + ids[7:20] + ids[21:]:
        client.get(f"/members/notices/{notice_id}")  # the other level's is a 404

    first = client.get("/members/notices/").get_data(as_text=True)
    assert titles(first, "unread-heading") == ["通知20", "通知06"]
    expected = ["置顶旧通知"] + [title for title, _ in reversed(specs)
                                 if title not in ("置顶旧通知", "通知06", "通知20", "致会员单位")]
    assert len(expected) == 22
    assert titles(first, "read-heading") == expected[:20]
    assert 'rel="next"' in first
    second = client.get("/members/notices/?page=2").get_data(as_text=True)
    assert titles(second, "read-heading") == expected[20:] == ["通知01", "通知00"]
    assert 'rel="next"' not in second and 'rel="prev"' in second
    assert titles(client.get("/members/notices/?page=3").get_data(as_text=True),
                  "read-heading") == []
    assert titles(client.get("/members/").get_data(as_text=True),
                  "unread-heading") == ["通知20", "通知06"]
    assert badge(client) == "2"

    for notice_id in (ids[6], ids[20]):
        client.get(f"/members/notices/{notice_id}")
    everything = client.get("/members/notices/").get_data(as_text=True)
    assert "You have read every notice." in everything
    assert titles(everything, "read-heading")[:2] == ["置顶旧通知", "通知24"]
    assert "unread-heading" not in client.get("/members/notices/?show=unread").get_data(
        as_text=True)
    assert titles(client.get("/members/").get_data(as_text=True), "unread-heading") == []
    assert badge(client) is None


def test_unread_notices_of_the_level_and_the_enterprise_are_merged_in_list_order(
        client, login, directors, publish_notice):
    enterprise, dong, _ = directors
    specs = [("致全体一", {}), ("致本企业一", {"scope": "enterprises",
                                               "enterprise_ids": [enterprise.id]}),
             ("致理事单位", {"scope": "levels", "levels": ["director"]}), ("致全体二", {}),
             ("致本企业二", {"scope": "enterprises", "enterprise_ids": [enterprise.id]})]
    ids = published_in_order(publish_notice, specs)
    login(dong)
    client.get(f"/members/notices/{ids[3]}")
    page = client.get("/members/notices/").get_data(as_text=True)
    assert titles(page, "unread-heading") == ["致本企业二", "致理事单位", "致本企业一", "致全体一"]
    assert titles(page, "read-heading") == ["致全体二"]
    dashboard = client.get("/members/").get_data(as_text=True)
    assert titles(dashboard, "unread-heading") == ["致本企业二", "致理事单位", "致本企业一",
                                                   "致全体一"]


def test_a_read_notice_that_may_no_longer_be_read_leaves_the_read_list(
        app, client, login, directors, editor, publish_notice):
    from portal.enterprises.models import Enterprise
    from portal.news import services as news
    from portal.news.models import Article

    enterprise, dong, _ = directors
    ids = published_in_order(publish_notice, [
        ("致全体", {}), ("致理事单位", {"scope": "levels", "levels": ["director"]}),
        ("将撤回", {})])
    login(dong)
    for notice_id in ids:
        client.get(f"/members/notices/{notice_id}")
    assert titles(client.get("/members/notices/").get_data(as_text=True),
                  "read-heading") == ["将撤回", "致理事单位", "致全体"]
    with app.test_request_context():
        news.unpublish_article(db.session.merge(editor), db.session.get(Article, ids[2]))
        db.session.get(Enterprise, enterprise.id).level = "member"
        db.session.commit()
    assert titles(client.get("/members/notices/").get_data(as_text=True),
                  "read-heading") == ["致全体"]


def test_the_dashboard_lists_what_awaits_the_enterprise_acknowledgement(
        client, make_client, login, directors, publish_notice):
    _, dong, dai = directors
    specs = ([(f"旧通知{n}", {}) for n in range(4)]
             + [(f"需回执{n}", {"ack": True}) for n in range(7)] + [("无需回执", {})])
    ids = published_in_order(publish_notice, specs)[4:]
    login(dong)
    colleague = make_client()
    login(dai, client=colleague)
    client.get(f"/members/notices/{ids[5]}")  # read, not acknowledged
    colleague.post(f"/members/notices/{ids[6]}/acknowledge")  # for the whole enterprise

    dashboard = client.get("/members/").get_data(as_text=True)
    assert titles(dashboard, "awaiting-heading") == ["需回执5", "需回执4", "需回执3", "需回执2",
                                                     "需回执1"]
    assert titles(dashboard, "unread-heading") == ["无需回执", "需回执6", "需回执4",
                                                   "需回执3", "需回执2"]
    for notice_id in ids[1:6]:
        colleague.post(f"/members/notices/{notice_id}/acknowledge")
    assert titles(client.get("/members/").get_data(as_text=True),
                  "awaiting-heading") == ["需回执0"]
