"""The outbox: rendering in the recipient's language, the same transaction, back-off, claims."""

from __future__ import annotations

import smtplib
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from portal.database import utcnow
from portal.extensions import db
from portal.mail.backends import MemoryBackend
from portal.mail.models import OutboxMessage
from portal.mail.services import queue_mail
from tests.mail.conftest import get_message


def sent(app):
    return app.extensions.get("mail.sent", [])


def test_mail_is_rendered_in_the_recipients_language(app, queue):
    zh = get_message(app, queue(language="zh_CN", name="张伟"))
    en = get_message(app, queue(language="en"))
    assert zh.subject == "重置密码"
    assert "张伟" in zh.body_text and "一小时内" in zh.body_text
    assert en.subject == "Reset your password"
    assert "within one hour" in en.body_text
    assert en.language == "en" and zh.language == "zh_CN"


def test_unknown_language_falls_back_to_chinese(app, queue):
    assert get_message(app, queue(language=None)).subject == "重置密码"


def test_html_body_escapes_what_users_typed_and_text_body_does_not(app, queue):
    message = get_message(app, queue(name="<b>Wang</b> & Co"))
    assert "&lt;b&gt;Wang&lt;/b&gt; &amp; Co" in message.body_html
    assert "<b>Wang</b>" not in message.body_html
    assert "<b>Wang</b> & Co" in message.body_text


def test_mail_belongs_to_the_callers_transaction(app):
    with app.app_context():
        queue_mail("a@example.com", "password_reset", "en", name="A", email="a@example.com",
                   link="https://portal.example/x")
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("address", ["", "no-at-sign", "a@example.com\r\nBcc: x@evil.example",
                                     "a@example.com, b@example.com"])
def test_queue_mail_refuses_what_is_not_one_address(app, address):
    with app.app_context(), pytest.raises(ValueError):
        queue_mail(address, "password_reset", "en", name="A", email="a", link="x")


def test_sender_delivers_and_marks_sent(app, queue, send):
    message_id = queue()
    report = send()
    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    message = get_message(app, message_id)
    assert message.status == "sent" and message.attempts == 1 and message.sent_at
    (email,) = sent(app)
    assert email["To"] == "reader@example.com"
    assert email["Subject"] == "Reset your password"
    assert email.get_body(("plain",)).get_content().startswith("Dear Reader,")
    assert "https://portal.example/x" in email.get_body(("html",)).get_content()
    assert send().sent == 0  # nothing is sent twice


def broken(error):
    def send(self, email):
        raise error
    return send


def test_failure_is_retried_with_growing_back_off(app, queue, send, monkeypatch):
    monkeypatch.setattr(MemoryBackend, "send", broken(smtplib.SMTPServerDisconnected("gone")))
    message_id = queue()
    before = utcnow()
    assert send().retried == 1
    message = get_message(app, message_id)
    assert message.status == "queued" and message.attempts == 1
    assert "SMTPServerDisconnected: gone" in message.last_error
    assert timedelta(seconds=59) < message.next_attempt_at - before < timedelta(seconds=70)
    assert send().retried == 0  # not due yet
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
        db.session.commit()
    send()
    message = get_message(app, message_id)
    assert message.attempts == 2
    assert timedelta(seconds=119) < message.next_attempt_at - utcnow() < timedelta(seconds=125)


def test_message_fails_after_the_last_attempt(app, queue, send, monkeypatch):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_DELAY=0)
    monkeypatch.setattr(MemoryBackend, "send", broken(OSError("network down")))
    message_id = queue()
    reports = [send() for _ in range(4)]
    assert [(r.retried, r.failed) for r in reports] == [(1, 0), (1, 0), (0, 1), (0, 0)]
    message = get_message(app, message_id)
    assert message.status == "failed" and message.attempts == 3
    assert "network down" in message.last_error


def test_permanent_refusal_fails_at_once(app, queue, send, monkeypatch):
    refused = smtplib.SMTPRecipientsRefused({"x@example.com": (550, b"no such user")})
    monkeypatch.setattr(MemoryBackend, "send", broken(refused))
    message_id = queue()
    assert send().failed == 1
    assert get_message(app, message_id).status == "failed"


def test_a_row_left_sending_by_a_dead_sender_is_queued_again(app, queue, send):
    message_id = queue()
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(
            status="sending", attempts=1, claimed_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    assert send().sent == 1
    assert get_message(app, message_id).attempts == 2


def test_a_fresh_claim_is_left_alone(app, queue, send):
    message_id = queue()
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(status="sending", claimed_at=utcnow()))
        db.session.commit()
    assert send().sent == 0
    assert get_message(app, message_id).status == "sending"


def test_two_senders_at_once_send_each_message_once(app, queue, send, monkeypatch):
    ids = [queue(to=f"reader{n}@example.com") for n in range(30)]
    original = MemoryBackend.send

    def slow_send(self, email):
        time.sleep(0.005)  # let the other sender interleave
        original(self, email)

    monkeypatch.setattr(MemoryBackend, "send", slow_send)
    start = threading.Barrier(2)
    reports, errors = [], []

    def run():
        try:
            start.wait()
            reports.append(send())
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    recipients = [email["To"] for email in sent(app)]
    assert sorted(recipients) == sorted(f"reader{n}@example.com" for n in range(30))
    assert sum(r.sent for r in reports) == 30
    assert all(r.sent for r in reports), "both senders should have had a share"
    with app.app_context():
        statuses = db.session.scalars(select(OutboxMessage.status)
                                      .where(OutboxMessage.id.in_(ids))).all()
    assert set(statuses) == {"sent"}


def test_folder_backend_writes_eml_files(app, queue, send, tmp_path):
    app.config.update(MAIL_BACKEND="folder", MAIL_FOLDER=str(tmp_path / "mail"))
    queue(language="zh_CN", name="李娜")
    send()
    (path,) = (tmp_path / "mail").glob("*.eml")
    raw = path.read_bytes()
    assert b"Subject: =?utf-8?" in raw
    assert raw.isascii()


def test_cli_sends_queued_mail(app, queue):
    queue()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1, to retry 0, failed 0." in result.output
    assert len(sent(app)) == 1


def test_no_background_sender_outside_development(app, client):
    client.get("/")
    assert "mail.thread" not in app.extensions


def test_development_server_delivers_mail_within_seconds(app, client, queue):
    app.config.update(MAIL_BACKGROUND_SENDER=True, MAIL_BACKGROUND_INTERVAL=0.1)
    from portal.mail.worker import register_background_sender, start_background_sender

    # The flag is read when the app is built; this app was built without it.
    register_background_sender(app)
    message_id = queue()
    client.get("/")
    thread = app.extensions["mail.thread"]
    try:
        deadline = time.monotonic() + 5
        while get_message(app, message_id).status != "sent" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert get_message(app, message_id).status == "sent"
        assert start_background_sender(app) is thread  # one thread per app
    finally:
        thread.stop.set()
        thread.join(5)
