"""The unread count in the member navigation: per member and audience, and right at once when
a notice comes out, expires, is unpublished, or the enterprise changes level (the count
comes from each worker's index of readable notices: portal/notices/readable.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine

from portal.database import utcnow
from portal.extensions import db

BADGE = re.compile(r'class="member-nav".*?text-bg-danger">([^<]+)<span class="visually-hidden">',
                   re.DOTALL)


def badge(client, url="/members/notices/") -> str | None:
    """The unread badge of the member navigation on a member page (None: no badge)."""
    page = client.get(url)
    assert page.status_code == 200
    found = BADGE.search(page.get_data(as_text=True))
    return found.group(1) if found else None


def test_each_member_counts_what_their_enterprise_may_read_and_they_have_not_opened(
        app, client, make_client, login, directors, ordinary, publish_notice):
    director_co, dong, dai = directors
    member_co, mo = ordinary
    everyone = publish_notice(title_zh="致全体会员")
    publish_notice(title_zh="致理事单位", scope="levels", levels=["director"])
    publish_notice(title_zh="致会员企业", scope="enterprises", enterprise_ids=[member_co.id])
    publish_notice(title_zh="草稿", action="save")

    login(dong)
    assert badge(client) == "2"
    other = make_client()
    login(mo, client=other)
    assert badge(other, "/members/") == "2"

    assert client.get(f"/members/notices/{everyone}").status_code == 200
    assert badge(client, "/members/materials/") == "1"  # the notice page counted it at once
    colleague = make_client()
    login(dai, client=colleague)
    assert badge(colleague) == "2"  # a receipt is the reader's own


def test_a_member_who_has_read_everything_has_no_badge(
        client, login, directors, publish_notice):
    _, dong, _ = directors
    ids = [publish_notice(title_zh=f"通知{n}") for n in range(3)]
    login(dong)
    assert badge(client) == "3"
    for notice_id in ids:
        client.get(f"/members/notices/{notice_id}")
    assert badge(client) is None
    assert badge(client, "/members/") is None


def test_the_count_follows_the_clock_without_anyone_saving(
        client, login, directors, publish_notice):
    _, dong, _ = directors
    publish_notice(title_zh="即将发布", action="schedule", when=utcnow() + timedelta(hours=1))
    publish_notice(title_zh="即将到期", expires_at=utcnow() + timedelta(hours=3))
    login(dong)
    assert badge(client) == "1"
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert badge(client) == "2"
    with time_machine.travel(utcnow() + timedelta(hours=4)):
        assert badge(client) == "1"


def test_unpublishing_and_a_change_of_level_count_at_once(
        app, client, login, directors, editor, publish_notice):
    from portal.enterprises.models import Enterprise
    from portal.news import services as news
    from portal.news.models import Article

    enterprise, dong, _ = directors
    publish_notice(title_zh="致全体会员")
    withdrawn = publish_notice(title_zh="将撤回")
    publish_notice(title_zh="致会员企业", scope="levels", levels=["member"])
    login(dong)
    assert badge(client) == "2"
    with app.test_request_context():
        news.unpublish_article(db.session.merge(editor), db.session.get(Article, withdrawn))
        db.session.commit()
    assert badge(client) == "1"
    with app.app_context():
        db.session.get(Enterprise, enterprise.id).level = "member"
        db.session.commit()
    assert badge(client) == "2"


def test_more_than_ninety_nine_unread(client, login, directors, publish_notice):
    _, dong, _ = directors
    for n in range(100):
        publish_notice(title_zh=f"通知{n}")
    login(dong)
    assert badge(client) == "99+"
    assert 'text-bg-danger">99+<' in client.get("/members/").get_data(as_text=True)


def titles(page: str, heading: str) -> list[str]:
    """The notice titles under a heading ("unread-heading", "read-heading") of the list."""
    section = page.split(f'id="{heading}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="notice-title"[^>]*>(?:<span[^>]*>[^<]*</span>)*([^<]+)</a>',
                      section)


def test_the_list_shows_unread_first_pinned_first_newest_first(
        client, login, directors, publish_notice):
    _, dong, _ = directors
    with time_machine.travel(utcnow() - timedelta(days=30)):
        ids = [publish_notice(title_zh=f"旧{n}") for n in range(22)]
    publish_notice(title_zh="置顶", pinned=True)
    publish_notice(title_zh="最新")
    login(dong)
    for notice_id in ids[:2]:
        client.get(f"/members/notices/{notice_id}")

    page = client.get("/members/notices/").get_data(as_text=True)
    assert titles(page, "unread-heading")[:3] == ["置顶", "最新", "旧21"]
    assert len(titles(page, "unread-heading")) == 20 and "More unread notices" in page
    assert set(titles(page, "read-heading")) == {"旧0", "旧1"}
    first = client.get("/members/notices/?show=unread").get_data(as_text=True)
    second = client.get("/members/notices/?show=unread&page=2").get_data(as_text=True)
    assert titles(first, "unread-heading")[-1] == "旧4"
    assert titles(second, "unread-heading") == ["旧3", "旧2"]
    assert badge(client) == "22"
