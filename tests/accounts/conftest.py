"""Helpers for account tests: reading mail from the outbox and the links in it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.mail.models import OutboxMessage


def mails_to(app, address):
    with app.app_context():
        return db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == address)
                                  .order_by(OutboxMessage.id)).all()


def link_in(message) -> str:
    links = re.findall(r"https?://\S+", message.body_text)
    assert len(links) == 1, links
    return links[0]


def path_of(link: str) -> str:
    """The link's path, for the test client (links start with BASE_URL)."""
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def audit_actions(app):
    """audit_actions() -> [(action, actor_id, target_id, details)] in order."""
    from portal.audit.models import AuditEvent

    def read():
        with app.app_context():
            return [(e.action, e.actor_id, e.target_id, e.details) for e in db.session.scalars(
                select(AuditEvent).order_by(AuditEvent.id))]

    return read
