"""about_pages: the chamber's own pages (关于商会, 组织机构, 入会指南 …) in both languages

Revision ID: l001
Revises: n001
Create Date: 2026-11-30 14:00:00

"""
from portal.migrations.columns import bilingual, bilingual_text, boolean, by_user, create_table, created_at, drop_table, integer, string, unique, updated_at



# revision identifiers, used by Alembic.
revision = 'l001'
down_revision = 'n001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'about_pages',
        string('slug', 60), *bilingual('title', 60, 120), *bilingual_text('body'),
        integer('position'), boolean('in_navigation'), integer('updated_by_id', null=True),
        created_at(), updated_at(),
        *by_user('updated_by_id'), unique('slug'),
    )


def downgrade():
    drop_table('about_pages')
