"""old_addresses: the old website's article addresses, redirected to the imported articles

Revision ID: h001
Revises: f001
Create Date: 2026-12-01 09:00:00

"""
from portal.migrations.columns import create_table, created_at, drop_table, index, integer, owned_by, string, unique


# revision identifiers, used by Alembic.
revision = 'h001'
down_revision = 'f001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'old_addresses',
        string('path', 500), integer('article_id'), created_at(),
        owned_by('article_id', 'articles'), unique('path'),
        indexes=[index('article_id')],
    )


def downgrade():
    drop_table('old_addresses', 'ix_old_addresses_article_id')
