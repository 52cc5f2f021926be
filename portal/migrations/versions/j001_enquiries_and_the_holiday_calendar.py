"""enquiries (categories, enquiries, messages, attachments, timeline events, canned replies,
the reference counter, the reminder log) and the holiday calendar

Revision ID: j001
Revises: k001
Create Date: 2026-11-30 13:22:29

"""
from alembic import op
import sqlalchemy as sa


# The partial indexes of the queues hold only the enquiries waiting for the secretariat.
WAITING = "status IN ('submitted', 'accepted', 'in_progress')"

# revision identifiers, used by Alembic.
revision = 'j001'
down_revision = 'k001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f('ck_calendar_days_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_days_day'))
    )
    op.create_table('enquiry_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_enquiry_counters'))
    )
    op.create_table('enquiry_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('deadline_days', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('deadline_days BETWEEN 1 AND 60', name=op.f('ck_enquiry_categories_deadline_days')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_enquiry_categories_department_id_departments'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_categories')),
    sa.UniqueConstraint('name_zh', name=op.f('uq_enquiry_categories_name_zh'))
    )
    op.create_table('canned_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_canned_replies_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_canned_replies_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canned_replies'))
    )
    with op.batch_alter_table('canned_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_canned_replies_department_id'), ['department_id'], unique=False)

    op.create_table('enquiries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('enterprise_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('guest_name', sa.String(length=100), nullable=False),
    sa.Column('guest_email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('first_answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_response_minutes', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rating', sa.String(length=20), nullable=True),
    sa.Column('rating_comment', sa.String(length=1000), nullable=False),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("channel IN ('portal', 'email', 'phone')", name=op.f('ck_enquiries_channel')),
    sa.CheckConstraint("enterprise_id IS NOT NULL OR guest_email <> ''", name=op.f('ck_enquiries_submitter')),
    sa.CheckConstraint("rating IS NULL OR rating IN ('satisfied', 'fairly_satisfied', 'unsatisfied')", name=op.f('ck_enquiries_rating')),
    sa.CheckConstraint("status IN ('submitted', 'accepted', 'in_progress', 'answered', 'closed')", name=op.f('ck_enquiries_status')),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_enquiries_assignee_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_enquiries_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['enquiry_categories.id'], name=op.f('fk_enquiries_category_id_enquiry_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_enquiries_department_id_departments')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['enterprises.id'], name=op.f('fk_enquiries_enterprise_id_enterprises')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiries')),
    sa.UniqueConstraint('reference', name=op.f('uq_enquiries_reference')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_enquiries_submission_key'))
    )
    with op.batch_alter_table('enquiries', schema=None) as batch_op:
        batch_op.create_index('ix_enquiries_assignee_queue', ['assignee_id', 'status', 'due_at'], unique=False)
        batch_op.create_index('ix_enquiries_department_queue', ['department_id', 'status', 'due_at'], unique=False)
        batch_op.create_index('ix_enquiries_department_submitted_at', ['department_id', 'submitted_at'], unique=False)
        batch_op.create_index('ix_enquiries_enterprise_submitted_at', ['enterprise_id', 'submitted_at'], unique=False)
        batch_op.create_index('ix_enquiries_waiting', ['due_at', 'id'], unique=False,
                              sqlite_where=sa.text(WAITING), postgresql_where=sa.text(WAITING))
        batch_op.create_index('ix_enquiries_waiting_department', ['department_id', 'due_at', 'id'],
                              unique=False, sqlite_where=sa.text(WAITING),
                              postgresql_where=sa.text(WAITING))
        batch_op.create_index('ix_enquiries_submitted_at', ['submitted_at'], unique=False)

    op.create_table('enquiry_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_enquiry_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_reminders')),
    sa.UniqueConstraint('user_id', 'day', name=op.f('uq_enquiry_reminders_user_id'))
    )
    op.create_table('enquiry_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enquiry_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_enquiry_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enquiry_id'], ['enquiries.id'], name=op.f('fk_enquiry_events_enquiry_id_enquiries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_events'))
    )
    with op.batch_alter_table('enquiry_events', schema=None) as batch_op:
        batch_op.create_index('ix_enquiry_events_enquiry_created_at', ['enquiry_id', 'created_at'], unique=False)

    op.create_table('enquiry_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enquiry_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_kind', sa.String(length=10), nullable=False),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("author_kind = 'staff' OR NOT internal", name=op.f('ck_enquiry_messages_internal_by_staff')),
    sa.CheckConstraint("author_kind IN ('member', 'staff', 'guest')", name=op.f('ck_enquiry_messages_author_kind')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_enquiry_messages_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enquiry_id'], ['enquiries.id'], name=op.f('fk_enquiry_messages_enquiry_id_enquiries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_messages')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_enquiry_messages_submission_key'))
    )
    with op.batch_alter_table('enquiry_messages', schema=None) as batch_op:
        batch_op.create_index('ix_enquiry_messages_enquiry_created_at', ['enquiry_id', 'created_at'], unique=False)

    op.create_table('enquiry_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_enquiry_attachments_file_id_stored_files'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['enquiry_messages.id'], name=op.f('fk_enquiry_attachments_message_id_enquiry_messages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enquiry_attachments')),
    sa.UniqueConstraint('file_id', name=op.f('uq_enquiry_attachments_file_id'))
    )
    with op.batch_alter_table('enquiry_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enquiry_attachments_message_id'), ['message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('enquiry_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enquiry_attachments_message_id'))

    op.drop_table('enquiry_attachments')
    with op.batch_alter_table('enquiry_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_enquiry_messages_enquiry_created_at')

    op.drop_table('enquiry_messages')
    with op.batch_alter_table('enquiry_events', schema=None) as batch_op:
        batch_op.drop_index('ix_enquiry_events_enquiry_created_at')

    op.drop_table('enquiry_events')
    op.drop_table('enquiry_reminders')
    with op.batch_alter_table('enquiries', schema=None) as batch_op:
        batch_op.drop_index('ix_enquiries_submitted_at')
        batch_op.drop_index('ix_enquiries_waiting_department')
        batch_op.drop_index('ix_enquiries_waiting')
        batch_op.drop_index('ix_enquiries_enterprise_submitted_at')
        batch_op.drop_index('ix_enquiries_department_submitted_at')
        batch_op.drop_index('ix_enquiries_department_queue')
        batch_op.drop_index('ix_enquiries_assignee_queue')

    op.drop_table('enquiries')
    with op.batch_alter_table('canned_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_canned_replies_department_id'))

    op.drop_table('canned_replies')
    op.drop_table('enquiry_categories')
    op.drop_table('enquiry_counters')
    op.drop_table('calendar_days')
