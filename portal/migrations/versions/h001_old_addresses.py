"""old_addresses: the old website's article addresses, redirected to the imported articles

Revision ID: h001
Revises: f001
Create Date: 2026-12-01 09:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'h001'
down_revision = 'f001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('old_addresses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_old_addresses_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_old_addresses')),
    sa.UniqueConstraint('path', name=op.f('uq_old_addresses_path'))
    )
    with op.batch_alter_table('old_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_old_addresses_article_id'), ['article_id'], unique=False)


def downgrade():
    with op.batch_alter_table('old_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_old_addresses_article_id'))

    op.drop_table('old_addresses')
