"""/staff/mail/: only admins see the mail log and send waiting or failed mail again; the
retention command empties old bodies."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.mail.models import OutboxMessage
from tests.mail.conftest import get_message


def set_status(app, message_id, **values):
    with app.app_context():
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id)
                           .values(**values))
        db.session.commit()


@pytest.mark.parametrize("who, expected", [
    ("anonymous", 302), ("member", 403), ("agent", 403), ("editor", 403), ("admin", 200),
])
def test_only_admins_open_the_mail_page(client, login, make_user, who, expected):
    if who == "member":
        login(make_user(kind="member"))
    elif who != "anonymous":
        login(make_user(kind="staff", roles=(who,)))
    assert client.get("/staff/mail/").status_code == expected
    assert client.post("/staff/mail/1/retry").status_code == (404 if who == "admin" else expected)


def test_admin_sees_every_mail_and_filters_the_undelivered(app, client, login, staff_admin,
                                                           queue):
    queued = queue(to="queued@example.com")
    failed = queue(to="failed@example.com")
    done = queue(to="done@example.com")
    set_status(app, failed, status="failed", attempts=8, last_error="OSError: no route")
    set_status(app, done, status="sent")
    login(staff_admin)
    page = client.get("/staff/mail/").get_data(as_text=True)
    assert "queued@example.com" in page and "failed@example.com" in page
    assert "done@example.com" in page and "Password reset link" in page
    assert "OSError: no route" in page
    undelivered = client.get("/staff/mail/?status=undelivered").get_data(as_text=True)
    assert "queued@example.com" in undelivered and "done@example.com" not in undelivered
    assert "https://portal.example/x" not in page  # bodies (with their links) are not shown
    only_failed = client.get("/staff/mail/?status=failed").get_data(as_text=True)
    assert "failed@example.com" in only_failed and "queued@example.com" not in only_failed
    assert get_message(app, queued).status == "queued"


def test_unknown_status_filter_shows_everything_undelivered(client, login, staff_admin, queue):
    queue(to="queued@example.com")
    login(staff_admin)
    page = client.get("/staff/mail/?status=sent' OR 1=1--").get_data(as_text=True)
    assert "queued@example.com" in page


def test_the_list_pages_through_fifty_at_a_time_keeping_the_filter(app, client, login,
                                                                   staff_admin, queue):
    for n in range(51):
        set_status(app, queue(to=f"r{n}@example.com"), status="failed")
    login(staff_admin)
    first = client.get("/staff/mail/?status=failed").get_data(as_text=True)
    assert first.count('/retry"') == 50
    assert '<option selected value="failed">' in first
    assert "51 in all" in first  # the mail log pages like the other logs: numbers and a total
    assert 'href="/staff/mail/?page=2&amp;status=failed" rel="next"' in first
    second = client.get("/staff/mail/?status=failed&page=2").get_data(as_text=True)
    assert 'aria-current="page"><span class="page-link">2</span>' in second
    assert second.count('/retry"') == 1


def test_admin_retries_a_failed_message(app, client, login, staff_admin, queue, send):
    message_id = queue(to="failed@example.com")
    set_status(app, message_id, status="failed", attempts=8)
    login(staff_admin)
    response = client.post(f"/staff/mail/{message_id}/retry", data={"status": "failed"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/mail/?status=failed"
    message = get_message(app, message_id)
    assert message.status == "queued" and message.attempts == 0
    assert send().sent == 1
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "mail.retried")).one()
        assert event.actor_id == staff_admin.id and event.target_id == message_id


def test_retrying_sent_or_unknown_mail_is_refused(app, client, login, staff_admin, queue):
    message_id = queue()
    set_status(app, message_id, status="sent")
    login(staff_admin)
    refused = client.post(f"/staff/mail/{message_id}/retry")
    assert refused.status_code == 400
    assert "no longer waiting" in refused.get_data(as_text=True)
    assert get_message(app, message_id).status == "sent"
    assert client.post("/staff/mail/999999/retry").status_code == 404
    assert client.get(f"/staff/mail/{message_id}/retry").status_code == 405


def test_search_and_filters(app, client, login, staff_admin, queue):
    queue(to="wang@example.com")
    queue(to="li@example.com", template="invitation", inviter="Admin", enterprise=None,
          department=None, days=7)
    login(staff_admin)

    def recipients(**args):
        page = client.get("/staff/mail/", query_string=args).get_data(as_text=True)
        return [r for r in ("wang@example.com", "li@example.com") if r in page]

    assert recipients(q="WANG") == ["wang@example.com"]
    # Terms too short for the trigram index (PostgreSQL) are found by a scan
    assert recipients(q="li") == ["li@example.com"]
    assert recipients(q="g@") == ["wang@example.com"]
    assert recipients(q="@example.com") == ["wang@example.com", "li@example.com"]
    assert recipients(kind="invitation") == ["li@example.com"]
    assert recipients(kind="no-such-kind") == ["wang@example.com", "li@example.com"]
    assert recipients(date_from="2000-01-01", date_to="2000-01-02") == []
    assert "The end date cannot be before" in client.get(
        "/staff/mail/?date_from=2026-02-02&date_to=2026-02-01").get_data(as_text=True)


def test_purge_empties_old_bodies_but_keeps_the_log(app, queue, client, login, staff_admin):
    import time_machine

    from portal.mail.services import purge_bodies

    with time_machine.travel("2026-01-01 08:00 +0000", tick=False):
        old_sent, old_failed, old_queued = queue(to="a@example.com"), queue(), queue()
    recent = queue(to="recent@example.com")
    set_status(app, old_sent, status="sent")
    set_status(app, old_failed, status="failed")
    set_status(app, recent, status="sent")
    runner = app.test_cli_runner()
    with time_machine.travel("2026-06-01 08:00 +0000", tick=False):
        result = runner.invoke(args=["mail", "purge", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert "Deleted the text of 2 mail(s)" in result.output
    assert get_message(app, old_sent).body_text == "" and get_message(app, old_sent).purged_at
    assert get_message(app, old_failed).body_html == ""
    assert get_message(app, old_queued).body_text != ""  # never before it is sent
    assert "https://portal.example/x" in get_message(app, recent).body_text
    with app.app_context():
        assert purge_bodies(30) == 0  # safe to run again
    login(staff_admin)
    page = client.get("/staff/mail/?q=a@example.com").get_data(as_text=True)
    assert "a@example.com" in page and "text deleted on" in page
    refused = client.post(f"/staff/mail/{old_failed}/retry")
    assert refused.status_code == 400 and "retention" in refused.get_data(as_text=True)


def test_every_kind_of_mail_has_a_name_in_the_log_and_its_filter(app, client, login,
                                                                 staff_admin):
    """Each template in templates/mail/ is a kind of mail some feature sends: the log names it
    in the reader's language (not by its template name) and offers it as a filter."""
    from pathlib import Path

    from portal.features import mail_kinds

    folder = Path(app.root_path).parent / "templates" / "mail"
    templates = {path.stem for path in folder.glob("*.html") if not path.stem.startswith("_")}
    with app.app_context():
        assert templates and templates <= set(mail_kinds())
    login(staff_admin)
    page = client.get("/staff/mail/", headers={"Accept-Language": "zh-CN"}).get_data(
        as_text=True)
    for kind in ("notice_published", "enquiry_answered"):
        assert f'<option value="{kind}">' in page
    assert "新会员通知" in page and "咨询已答复" in page


def test_the_mail_log_search_has_its_trigram_index_on_postgresql(app):
    """Migration p001: on PostgreSQL a GIN index of pg_trgm answers the search (a scan of
    the whole outbox before); SQLite has no such index and scans as before."""
    from sqlalchemy import text

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            found = db.session.scalar(text(
                "SELECT indexdef FROM pg_indexes WHERE indexname = "
                "'ix_outbox_messages_search_trgm'"))
            assert "gin_trgm_ops" in found and "recipient" in found and "subject" in found
        else:
            assert db.session.scalar(text(
                "SELECT count(*) FROM sqlite_master WHERE name = "
                "'ix_outbox_messages_search_trgm'")) == 0
