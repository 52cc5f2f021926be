"""member notices and study materials: audiences (tags), notices and their receipts,
materials with files, categories and study marks, mailings (mail to many), and new columns:
articles.kind / audience / expires_at, search_documents.readers, users.notice_mail

Hand-checked. The new articles columns are added in place (ALTER TABLE ADD COLUMN) with
server defaults for the existing rows; their CHECK constraints are added on PostgreSQL only:
on SQLite a new constraint rebuilds the table, and rebuilding `articles` with foreign keys
on would let ON DELETE CASCADE empty article_attachments (the models keep the rule for new
databases made from them; the services never write other values).

Revision ID: i001
Revises: l001
Create Date: 2026-11-30 13:20:26.654435

"""
from alembic import op
import sqlalchemy as sa

from portal.migrations.columns import bilingual, bilingual_text, boolean, by_user, check, create_attachments, create_table, created_at, drop_table, editors, foreign_key, index, integer, owned_by, primary_key, string, timestamp, unique, updated_at


# revision identifiers, used by Alembic.
revision = 'i001'
down_revision = 'l001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'audiences',
        string('scope', 12), created_at(),
        check('scope', "scope IN ('all', 'levels', 'enterprises')"),
    )
    create_table(
        'mailings',
        string('source', 40), integer('object_id'), string('status', 10),
        timestamp('not_before'), integer('cursor'), integer('queued'),
        created_at(), timestamp('finished_at', null=True),
        check('status', "status IN ('pending', 'done', 'cancelled')"),
        indexes=[index('status', 'not_before', name='ix_mailings_status_not_before')],
    )
    create_table(
        'material_categories',
        *bilingual('name', 60, 120), integer('position'), created_at(),
        unique('name_zh'),
    )
    create_table(
        'audience_tags',
        integer('audience_id'), string('tag', 40),
        owned_by('audience_id', 'audiences'),
        primary_key('audience_id', 'tag'),
        with_id=False,
    )
    create_table(
        'materials',
        integer('category_id'), integer('audience_id'),
        *bilingual('title', 200, 300), *bilingual('description', 1000, 2000),
        *bilingual_text('body'), string('status', 12), timestamp('published_at', null=True),
        *editors(), created_at(), updated_at(),
        check('published_at_set', "status != 'published' OR published_at IS NOT NULL"),
        check('status', "status IN ('draft', 'published', 'archived')"),
        foreign_key('audience_id', 'audiences'),
        foreign_key('category_id', 'material_categories'),
        *by_user('created_by_id', 'updated_by_id'),
        indexes=[index('audience_id'), index('category_id'),
                 index('status', 'published_at', name='ix_materials_listing')],
    )
    create_attachments('material_files', 'material_id', 'materials')
    create_table(
        'material_studies',
        integer('material_id'), integer('user_id'), integer('enterprise_id'),
        timestamp('studied_at'),
        owned_by('enterprise_id', 'enterprises'), owned_by('material_id', 'materials'),
        owned_by('user_id', 'users'),
        unique('material_id', 'user_id'),
        indexes=[index('enterprise_id', 'material_id', name='ix_material_studies_enterprise')],
    )
    create_table(
        'notices',
        integer('audience_id'), boolean('ack_required'),
        timestamp('ack_deadline', null=True), timestamp('reminded_at', null=True),
        foreign_key('audience_id', 'audiences'), owned_by('id', 'articles'),
        indexes=[index('audience_id')],
    )
    create_table(
        'notice_acknowledgements',
        integer('notice_id'), integer('enterprise_id'), integer('user_id', null=True),
        timestamp('acknowledged_at'),
        owned_by('enterprise_id', 'enterprises'), owned_by('notice_id', 'notices'),
        *by_user('user_id'),
        unique('notice_id', 'enterprise_id'),
        indexes=[index('enterprise_id')],
    )
    create_table(
        'notice_reads',
        integer('notice_id'), integer('user_id'), integer('enterprise_id'),
        timestamp('first_read_at'), timestamp('last_read_at'),
        owned_by('enterprise_id', 'enterprises'), owned_by('notice_id', 'notices'),
        owned_by('user_id', 'users'),
        unique('notice_id', 'user_id'),
        indexes=[index('user_id', 'notice_id', name='ix_notice_reads_user_notice')],
    )

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(timestamp('expires_at', null=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='article', nullable=False))
        batch_op.add_column(sa.Column('audience', sa.String(length=10), server_default='public', nullable=False))
        batch_op.create_index('ix_articles_kind_listing', ['kind', 'pinned', 'publish_at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.create_check_constraint(op.f('ck_articles_kind'), 'articles',
                                   "kind IN ('article', 'notice')")
        op.create_check_constraint(op.f('ck_articles_audience'), 'articles',
                                   "audience IN ('public', 'members')")

    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('readers', sa.Text(), server_default='', nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_mail', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notice_mail')

    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_column('readers')
    if op.get_bind().dialect.name != "postgresql":
        # SQLite rebuilt the table to drop the column, and a rebuilt table loses its
        # triggers: d001's trigger again, as d001 made it (its downgrade drops it).
        op.execute("CREATE TRIGGER search_documents_emptied AFTER DELETE ON search_documents "
                   "WHEN NOT EXISTS (SELECT 1 FROM search_documents) BEGIN "
                   "INSERT INTO search_fts(search_fts) VALUES ('delete-all'); END")

    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f('ck_articles_audience'), 'articles', type_='check')
        op.drop_constraint(op.f('ck_articles_kind'), 'articles', type_='check')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_kind_listing')
        batch_op.drop_column('audience')
        batch_op.drop_column('kind')
        batch_op.drop_column('expires_at')

    drop_table('notice_reads', 'ix_notice_reads_user_notice')
    drop_table('notice_acknowledgements', 'ix_notice_acknowledgements_enterprise_id')
    drop_table('notices', 'ix_notices_audience_id')
    drop_table('material_studies', 'ix_material_studies_enterprise')
    drop_table('material_files', 'ix_material_files_material_id')
    drop_table('materials',
               'ix_materials_listing', 'ix_materials_category_id', 'ix_materials_audience_id')
    drop_table('audience_tags')
    drop_table('material_categories')
    drop_table('mailings', 'ix_mailings_status_not_before')
    drop_table('audiences')
