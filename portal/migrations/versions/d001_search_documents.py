"""search documents, and their full-text index (FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: d001
Revises: c002
Create Date: 2026-11-26 03:56:31.979186

"""
from alembic import op
import sqlalchemy as sa

from portal.migrations.columns import boolean, create_table, integer, string, text, timestamp, unique


# revision identifiers, used by Alembic.
revision = 'd001'
down_revision = 'c002'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'search_documents',
        string('kind', 20), integer('object_id'), string('language', 8), boolean('fallback'),
        string('audience', 20), string('title', 300), text('body'), string('url', 300),
        timestamp('published_at'), sa.Column('sort_key', sa.BigInteger(), nullable=False),
        timestamp('indexed_at'),
        unique('kind', 'object_id', 'language'), unique('sort_key'),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)")
    else:
        # Contentless: the tokens are written by portal/search/backends.py; rowid = sort_key.
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
                   "title, body, tags, content='', columnsize=0)")
        # Once no document is left, nothing may be left in the index either (a plain
        # DELETE FROM search_documents, as the tests do between runs, cannot say which
        # tokens to delete from a contentless table).
        op.execute("CREATE TRIGGER search_documents_emptied AFTER DELETE ON search_documents "
                   "WHEN NOT EXISTS (SELECT 1 FROM search_documents) BEGIN "
                   "INSERT INTO search_fts(search_fts) VALUES ('delete-all'); END")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER search_documents_emptied")
        op.execute("DROP TABLE search_fts")
    op.drop_table('search_documents')
