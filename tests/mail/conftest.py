"""Fixtures for mail tests: a real aiosmtpd server on 127.0.0.1, and queueing helpers."""

from __future__ import annotations

import socket

import pytest

from portal.extensions import db


def free_port() -> int:
    """A port nothing listens on (aiosmtpd 1.4.6 cannot bind port 0 itself)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """An aiosmtpd handler keeping every envelope it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """A running SMTP server: (port, collector); stopped after the test."""
    from aiosmtpd.controller import Controller

    collector = Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, collector
    finally:
        controller.stop()


@pytest.fixture
def queue(app):
    """queue(to=..., template="password_reset", language="en", **context) -> message id."""
    from portal.mail.services import queue_mail

    def do_queue(to="reader@example.com", template="password_reset", language="en", **context):
        context = {"name": "Reader", "email": to, "link": "https://portal.example/x", **context}
        with app.app_context():
            message = queue_mail(to, template, language, **context)
            db.session.commit()
            return message.id

    return do_queue


@pytest.fixture
def send(app):
    """send() runs one round of the sender in a fresh app context and returns its report."""
    from portal.mail.sender import send_pending

    def do_send(**kwargs):
        with app.app_context():
            report = send_pending(**kwargs)
            db.session.remove()
            return report

    return do_send


def get_message(app, message_id):
    from portal.mail.models import OutboxMessage

    with app.app_context():
        return db.session.get(OutboxMessage, message_id)
