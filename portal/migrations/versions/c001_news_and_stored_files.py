"""news and stored files

Revision ID: c001
Revises: a001
Create Date: 2026-11-26 03:51:54.267250

"""
from portal.migrations.columns import bilingual, boolean, by_user, check, create_attachments, create_table, created_at, drop_table, editors, foreign_key, index, integer, string, text, timestamp, unique, updated_at


# revision identifiers, used by Alembic.
revision = 'c001'
down_revision = 'a001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'news_categories',
        *bilingual('name', 60, 120), string('slug', 60), integer('position'), created_at(),
        unique('slug'),
    )
    create_table(
        'stored_files',
        string('sha256', 64), integer('size'), string('content_type', 100),
        string('original_name', 255), string('purpose', 30),
        integer('created_by_id', null=True), created_at(),
        *by_user('created_by_id'),
        indexes=[index('purpose'), index('sha256')],
    )
    create_table(
        'articles',
        integer('category_id'),
        string('title_zh', 200), string('summary_zh', 500), text('body_zh'),
        string('title_en', 300), string('summary_en', 1000), text('body_en'),
        string('author', 100), string('source', 100), string('status', 12),
        timestamp('publish_at', null=True), boolean('pinned'), integer('view_count'),
        integer('cover_image_id', null=True), *editors(), created_at(), updated_at(),
        check('publish_at_set', "status IN ('draft', 'archived') OR publish_at IS NOT NULL"),
        check('status', "status IN ('draft', 'scheduled', 'published', 'archived')"),
        foreign_key('category_id', 'news_categories'),
        foreign_key('cover_image_id', 'stored_files', ondelete='SET NULL'),
        *by_user('created_by_id', 'updated_by_id'),
        indexes=[
            index('category_id', 'status', 'pinned', 'publish_at',
                  name='ix_articles_category_listing'),
            index('status', 'pinned', 'publish_at', name='ix_articles_listing'),
        ],
    )
    create_attachments('article_attachments', 'article_id', 'articles')


def downgrade():
    drop_table('article_attachments', 'ix_article_attachments_article_id')
    drop_table('articles', 'ix_articles_listing', 'ix_articles_category_listing')
    drop_table('stored_files', 'ix_stored_files_sha256', 'ix_stored_files_purpose')
    drop_table('news_categories')
