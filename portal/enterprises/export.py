"""The enterprise list as a spreadsheet whose columns the import reads back: headers and
levels in the reader's language (the import knows both), status and user count for reading
(the import ignores them), and the first primary contact of each enterprise."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import Select, select

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.enterprises.importing import COLUMNS
from portal.extensions import db

CHUNK = 500


def export_rows(actor, query: Select) -> tuple[list[str], Iterator[list]]:
    """(header, rows) of the enterprises of the list query, read CHUNK at a time with their
    primary contacts (one more query per chunk). Records the download in the audit log."""
    record_event(actor, "enterprise.exported")
    header = [str(COLUMNS[name][0]) for name in (
        "name_zh", "name_en", "credit_code", "level", "joined_on", "expires_on")]
    header += [_("Status"), _("User accounts"), str(COLUMNS["contact_name"][0]),
               str(COLUMNS["contact_email"][0])]
    return header, _rows(query)


def _rows(query: Select) -> Iterator[list]:
    result = db.session.execute(query.execution_options(yield_per=CHUNK))
    for chunk in result.scalars().partitions():
        contacts = _first_contacts([enterprise.id for enterprise in chunk])
        for enterprise in chunk:
            contact = contacts.get(enterprise.id)
            yield [enterprise.name_zh, enterprise.name_en, enterprise.credit_code,
                   enterprise.level_label, enterprise.joined_on, enterprise.expires_on,
                   enterprise.status_label, enterprise.user_count or 0,
                   contact.name if contact else "", contact.email if contact else ""]


def _first_contacts(ids: list[int]) -> dict[int, User]:
    found: dict[int, User] = {}
    for user in db.session.scalars(
            select(User).where(User.enterprise_id.in_(ids), User.is_primary_contact.is_(True),
                               User.active.is_(True)).order_by(User.id)):
        found.setdefault(user.enterprise_id, user)
    return found
