"""articles: English author and source, the cover's text alternative, an index on the cover; article_images (images in a body)

Revision ID: n001
Revises: m001
Create Date: 2026-11-30 15:00:00

"""
import sqlalchemy as sa
from alembic import op

from portal.migrations.columns import create_table, drop_table, index, integer, owned_by, primary_key


# revision identifiers, used by Alembic.
revision = 'n001'
down_revision = 'm001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_en', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('source_en', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('cover_alt_zh', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('cover_alt_en', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.create_index('ix_articles_cover_image_id', ['cover_image_id'], unique=False)

    create_table(
        'article_images',
        integer('article_id'), integer('file_id'),
        owned_by('article_id', 'articles'), owned_by('file_id', 'stored_files'),
        primary_key('article_id', 'file_id'),
        indexes=[index('file_id')], with_id=False,
    )


def downgrade():
    drop_table('article_images', 'ix_article_images_file_id')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_cover_image_id')
        batch_op.drop_column('cover_alt_en')
        batch_op.drop_column('cover_alt_zh')
        batch_op.drop_column('source_en')
        batch_op.drop_column('author_en')
