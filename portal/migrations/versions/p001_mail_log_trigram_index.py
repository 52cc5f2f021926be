"""mail log: a trigram index on recipient and subject (PostgreSQL)

The mail log's search (ILIKE '%…%' on the recipient or the subject) read the whole outbox
on every page and again for its count: about 130 ms each at 50,000 mails, whose bodies make
the table some 100 MB. A GIN index of pg_trgm answers a term of three characters or more in
a couple of milliseconds. pg_trgm ships with PostgreSQL and is a trusted extension (the
database's owner may create it); where it cannot be created, the migration leaves the search
as it was rather than fail. SQLite keeps scanning: nothing changes there.

Revision ID: p001
Revises: o001
Create Date: 2026-12-01 08:00:00

"""
import logging

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

# revision identifiers, used by Alembic.
revision = 'p001'
down_revision = 'o001'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError as error:
        log.warning("pg_trgm could not be created (%s); the mail log's search stays a scan",
                    error.orig)
        return
    op.execute("CREATE INDEX ix_outbox_messages_search_trgm ON outbox_messages "
               "USING gin (recipient gin_trgm_ops, subject gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_outbox_messages_search_trgm")
