"""Delivery over SMTP to a real aiosmtpd server on 127.0.0.1, and a server that is down."""

from __future__ import annotations

import email
from email.policy import default as default_policy

import pytest

from tests.mail.conftest import free_port, get_message


@pytest.fixture
def smtp_app(app, smtp_server):
    port, collector = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=port,
                      MAIL_SECURITY="none", MAIL_SENDER_ADDRESS="service@chamber.example",
                      MAIL_SENDER_NAME="商会秘书处")
    return app, collector


def received(collector):
    return [email.message_from_bytes(envelope.original_content, policy=default_policy)
            for envelope in collector.envelopes]


def test_chinese_mail_arrives_intact(smtp_app, queue, send):
    app, collector = smtp_app
    message_id = queue(to="zhang.wei@example.com", language="zh_CN", name="张伟")
    assert send().sent == 1
    (envelope,) = collector.envelopes
    assert envelope.mail_from == "service@chamber.example"
    assert envelope.rcpt_tos == ["zhang.wei@example.com"]
    raw = envelope.original_content
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()  # non-ASCII headers are RFC 2047-encoded
    assert b"Subject: =?utf-8?" in head
    (mail,) = received(collector)
    assert mail["Subject"] == "重置密码"
    assert mail["From"].addresses[0].display_name == "商会秘书处"
    assert mail["From"].addresses[0].addr_spec == "service@chamber.example"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert text.startswith("张伟，您好：")
    assert "一小时内" in text and "一小时内" in html
    assert '<html lang="zh-CN">' in html
    assert get_message(app, message_id).status == "sent"


def test_sender_name_defaults_to_the_site_name_in_the_recipients_language(smtp_app, queue, send):
    app, collector = smtp_app
    app.config["MAIL_SENDER_NAME"] = ""
    queue(language="zh_CN")
    queue(language="en")
    send()
    names = sorted(m["From"].addresses[0].display_name for m in received(collector))
    assert names == ["Member Services Portal", "会员服务门户"]


def test_one_connection_delivers_a_batch(smtp_app, queue, send):
    app, collector = smtp_app
    for n in range(5):
        queue(to=f"r{n}@example.com")
    assert send().sent == 5
    assert sorted(e.rcpt_tos[0] for e in collector.envelopes) == [
        f"r{n}@example.com" for n in range(5)]


def test_smtp_login_is_used_when_configured(app, queue, send):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from tests.mail.conftest import Collector

    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)

    port, collector = free_port(), Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=port,
                          MAIL_USERNAME="portal", MAIL_PASSWORD=123456)  # numeric, as from env
        queue()
        assert send().sent == 1
    finally:
        controller.stop()
    assert logins == [(b"portal", b"123456")]
    assert len(collector.envelopes) == 1


def test_server_refusing_connections_loses_nothing(app, queue, send):
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=free_port(),
                      MAIL_TIMEOUT=2)
    first, second = queue(), queue(to="other@example.com")
    report = send()
    assert (report.sent, report.retried, report.failed) == (0, 1, 0)  # the batch stops at once
    message = get_message(app, first)
    assert message.status == "queued" and message.attempts == 1
    assert "BackendUnavailable" in message.last_error and "refused" in message.last_error.lower()
    assert message.next_attempt_at > message.created_at
    untouched = get_message(app, second)
    assert untouched.status == "queued" and untouched.attempts == 0


def test_connect_smtp_signs_in_with_the_settings(app):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from portal.mail.services import connect_smtp
    from tests.mail.conftest import Collector

    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=True)

    port = free_port()
    controller = Controller(Collector(), hostname="127.0.0.1", port=port,
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    config = {"MAIL_SECURITY": "none", "MAIL_HOST": "127.0.0.1", "MAIL_PORT": port,
              "MAIL_TIMEOUT": 5, "MAIL_USERNAME": "portal", "MAIL_PASSWORD": "right"}
    try:
        with connect_smtp(config) as connection:
            assert connection.noop()[0] == 250
    finally:
        controller.stop()
    assert logins == [(b"portal", b"right")]
    with pytest.raises(OSError):
        connect_smtp({**config, "MAIL_PORT": free_port()})
