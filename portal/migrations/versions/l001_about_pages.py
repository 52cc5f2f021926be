"""about_pages: the chamber's own pages (关于商会, 组织机构, 入会指南 …) in both languages

Revision ID: l001
Revises: n001
Create Date: 2026-11-30 14:00:00

"""
import sqlalchemy as sa
from alembic import op



# revision identifiers, used by Alembic.
revision = 'l001'
down_revision = 'n001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'about_pages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=60), nullable=False),
        sa.Column('title_zh', sa.String(length=60), nullable=False),
        sa.Column('title_en', sa.String(length=120), nullable=False),
        sa.Column('body_zh', sa.Text(), nullable=False),
        sa.Column('body_en', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('in_navigation', sa.Boolean(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_about_pages_updated_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_about_pages')),
        sa.UniqueConstraint('slug', name=op.f('uq_about_pages_slug')),
    )


def downgrade():
    op.drop_table('about_pages')
