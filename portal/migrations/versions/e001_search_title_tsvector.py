"""search: a title-only tsvector under its own GIN index (PostgreSQL)

The title tier of a search asked for lexemes of weight A in search_documents.tsv; a GIN
index cannot check weights, so PostgreSQL read and unpacked every candidate row's whole
vector (~240 ms for 商会 at 10,000 articles). The title's lexemes now also live in
title_tsv, which its own GIN index answers. Existing rows get it from their vector's
weight-A part (the title's tokens, at the same positions). SQLite keeps title and body
as columns of one FTS5 table: nothing changes there.

Revision ID: e001
Revises: d001
Create Date: 2026-11-26 05:20:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e001'
down_revision = 'd001'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents ADD COLUMN title_tsv tsvector")
    op.execute("UPDATE search_documents SET title_tsv = ts_filter(tsv, '{a}') "
               "WHERE tsv IS NOT NULL")
    op.execute("CREATE INDEX ix_search_documents_title_tsv ON search_documents "
               "USING gin (title_tsv)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_search_documents_title_tsv")
    op.execute("ALTER TABLE search_documents DROP COLUMN title_tsv")
