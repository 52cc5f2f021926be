"""Each worker keeps a member's receipts and their enterprise's acknowledgements between
requests (portal/kept.py): what one worker records shows at once in another, and a
worker that keeps them does not read them again."""

from __future__ import annotations

from portal.extensions import db
from tests.conftest import client_of, count_statements
from tests.notices.test_unread_count import badge, titles


def test_a_receipt_recorded_by_one_worker_counts_at_once_in_another(
        client, login, directors, publish_notice, second_worker):
    _, dong, _ = directors
    first = publish_notice(title_zh="第一份通知")
    publish_notice(title_zh="第二份通知")
    login(dong)
    elsewhere = client_of(second_worker)
    login(dong, client=elsewhere)
    assert badge(elsewhere, "/members/") == "2"  # that worker now keeps Dong's receipts
    assert badge(elsewhere) == "2"

    assert client.get(f"/members/notices/{first}").status_code == 200
    assert badge(elsewhere) == "1"
    assert titles(elsewhere.get("/members/").get_data(as_text=True),
                  "unread-heading") == ["第二份通知"]
    read = elsewhere.get("/members/notices/").get_data(as_text=True)
    assert titles(read, "read-heading") == ["第一份通知"]


def test_an_acknowledgement_given_in_one_worker_leaves_the_dashboard_of_another(
        client, make_client, login, directors, publish_notice, second_worker):
    _, dong, dai = directors
    asked = publish_notice(title_zh="请回执的通知", ack=True)
    elsewhere = client_of(second_worker)
    login(dong, client=elsewhere)
    dashboard = elsewhere.get("/members/").get_data(as_text=True)
    assert titles(dashboard, "awaiting-heading") == ["请回执的通知"]

    login(dai)  # a colleague, in the first worker
    assert client.post(f"/members/notices/{asked}/acknowledge").status_code == 302
    dashboard = elsewhere.get("/members/").get_data(as_text=True)
    assert titles(dashboard, "awaiting-heading") == []
    assert "Nothing is waiting for an acknowledgement." in dashboard


def test_a_worker_that_keeps_the_receipts_does_not_read_them_again(
        app, client, login, directors, publish_notice):
    _, dong, _ = directors
    notice = publish_notice(title_zh="通知", ack=True)
    login(dong)

    def receipt_reads(url):
        with count_statements(app) as statements:
            assert client.get(url).status_code == 200
        # The receipts' ids, gathered into one value (portal.kept.id_list).
        return [s for s in statements if "CAST(notice_reads.notice_id" in s]

    assert receipt_reads("/members/")  # the first time, read
    assert receipt_reads("/members/") == []
    assert receipt_reads("/members/notices/") == []
    with count_statements(app) as statements:
        assert client.get("/members/").status_code == 200
    assert not [s for s in statements if "FROM articles" in s], statements  # rows kept
    # A new receipt: its page reads them again for its badge, the later pages do not.
    assert receipt_reads(f"/members/notices/{notice}")
    assert receipt_reads("/members/notices/") == []
    assert badge(client) is None


def test_an_edited_notice_shows_its_new_title_in_every_worker_at_once(
        app, client, login, editor, directors, publish_notice, second_worker):
    from portal.notices import services
    from portal.notices.models import Notice

    _, dong, _ = directors
    notice_id = publish_notice(title_zh="旧标题")
    login(dong)
    elsewhere = client_of(second_worker)
    login(dong, client=elsewhere)
    for member in (client, elsewhere):  # each worker keeps the row now
        assert titles(member.get("/members/").get_data(as_text=True),
                      "unread-heading") == ["旧标题"]

    with app.test_request_context():
        notice = db.session.get(Notice, notice_id)
        services.save_notice(
            db.session.merge(editor), notice,
            {"title_zh": "新标题", "body_zh": "<p>改过了。</p>", "summary_zh": "",
             "title_en": "", "summary_en": "", "body_en": "", "author": "", "source": "",
             "pinned": False},
            {"audience": {"scope": "all", "levels": [], "enterprise_ids": []},
             "public": False, "ack_required": False, "ack_deadline": None,
             "expires_at": None}, action="save")
        db.session.commit()
    for member in (client, elsewhere):
        assert titles(member.get("/members/").get_data(as_text=True),
                      "unread-heading") == ["新标题"]
        assert titles(member.get("/members/notices/").get_data(as_text=True),
                      "unread-heading") == ["新标题"]


def test_what_a_restore_writes_behind_the_portal_is_read_afresh(
        app, client, login, directors, publish_notice):
    """A restored backup may hold other receipts under the same versions; restoring bumps
    the content generation, which starts the kept sets afresh."""
    from portal.database import utcnow
    from portal.generation import bump_generation
    from portal.notices.models import NoticeRead

    _, dong, _ = directors
    notice_id = publish_notice(title_zh="通知")
    login(dong)
    assert badge(client) == "1"
    with app.app_context():
        db.session.add(NoticeRead(notice_id=notice_id, user_id=dong.id,
                                  enterprise_id=dong.enterprise_id, first_read_at=utcnow(),
                                  last_read_at=utcnow()))
        db.session.commit()
        bump_generation()
    assert badge(client) is None
