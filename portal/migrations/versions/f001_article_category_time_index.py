"""articles: an index on (category, publish time, id) for the article page's previous/next (PostgreSQL)

Revision ID: f001
Revises: e001
Create Date: 2026-11-26 07:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f001'
down_revision = 'e001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        # empty and unused on SQLite (see the model)
        batch_op.create_index('ix_articles_category_time', ['category_id', 'publish_at', 'id'],
                              unique=False, sqlite_where=sa.text('0'))


def downgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_category_time')
