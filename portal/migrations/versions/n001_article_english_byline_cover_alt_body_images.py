"""articles: English author and source, the cover's text alternative, an index on the cover; article_images (images in a body)

Revision ID: n001
Revises: m001
Create Date: 2026-11-30 15:00:00

"""
import sqlalchemy as sa
from alembic import op


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

    op.create_table('article_images',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_images_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_article_images_file_id_stored_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'file_id', name=op.f('pk_article_images'))
    )
    with op.batch_alter_table('article_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_images_file_id'), ['file_id'], unique=False)


def downgrade():
    with op.batch_alter_table('article_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_images_file_id'))

    op.drop_table('article_images')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_cover_image_id')
        batch_op.drop_column('cover_alt_en')
        batch_op.drop_column('cover_alt_zh')
        batch_op.drop_column('source_en')
        batch_op.drop_column('author_en')
