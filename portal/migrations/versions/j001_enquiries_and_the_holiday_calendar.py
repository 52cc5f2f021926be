"""enquiries (categories, enquiries, messages, attachments, timeline events, canned replies,
the reference counter, the reminder log) and the holiday calendar

Revision ID: j001
Revises: k001
Create Date: 2026-11-30 13:22:29

"""
import sqlalchemy as sa

from portal.migrations.columns import bilingual, boolean, by_user, check, create_attachments, create_table, created_at, date, drop_table, foreign_key, index, integer, json, owned_by, primary_key, string, text, timestamp, unique, updated_at


# The partial indexes of the queues hold only the enquiries waiting for the secretariat.
WAITING = "status IN ('submitted', 'accepted', 'in_progress')"

# revision identifiers, used by Alembic.
revision = 'j001'
down_revision = 'k001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'calendar_days',
        date('day'), string('kind', 10), string('name', 60), updated_at(),
        check('kind', "kind IN ('holiday', 'workday')"),
        unique('day'),
    )
    create_table(
        'enquiry_counters',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False), integer('value'),
        primary_key('year'),
        with_id=False,
    )
    create_table(
        'enquiry_categories',
        *bilingual('name', 60, 120), integer('department_id', null=True),
        integer('deadline_days'), integer('position'), boolean('active'), created_at(),
        check('deadline_days', 'deadline_days BETWEEN 1 AND 60'),
        foreign_key('department_id', 'departments', ondelete='SET NULL'),
        unique('name_zh'),
    )
    create_table(
        'canned_replies',
        integer('department_id'), string('title', 100), text('body'),
        integer('updated_by_id', null=True), updated_at(),
        owned_by('department_id', 'departments'), *by_user('updated_by_id'),
        indexes=[index('department_id')],
    )
    create_table(
        'enquiries',
        string('reference', 20), string('submission_key', 64, null=True),
        integer('category_id', null=True), integer('department_id'),
        integer('assignee_id', null=True), integer('enterprise_id', null=True),
        integer('author_id', null=True),
        string('guest_name', 100), string('guest_email', 254), string('phone', 40),
        string('language', 10), string('channel', 10), string('subject', 200),
        string('status', 12), timestamp('submitted_at'), updated_at(),
        timestamp('first_due_at'), timestamp('due_at'),
        timestamp('first_answered_at', null=True), integer('first_response_minutes', null=True),
        timestamp('closed_at', null=True),
        string('rating', 20, null=True), string('rating_comment', 1000),
        timestamp('rated_at', null=True),
        check('channel', "channel IN ('portal', 'email', 'phone')"),
        check('submitter', "enterprise_id IS NOT NULL OR guest_email <> ''"),
        check('rating',
              "rating IS NULL OR rating IN ('satisfied', 'fairly_satisfied', 'unsatisfied')"),
        check('status',
              "status IN ('submitted', 'accepted', 'in_progress', 'answered', 'closed')"),
        *by_user('assignee_id', 'author_id'),
        foreign_key('category_id', 'enquiry_categories', ondelete='SET NULL'),
        foreign_key('department_id', 'departments'),
        foreign_key('enterprise_id', 'enterprises'),
        unique('reference'), unique('submission_key'),
        indexes=[
            index('assignee_id', 'status', 'due_at', name='ix_enquiries_assignee_queue'),
            index('department_id', 'status', 'due_at', name='ix_enquiries_department_queue'),
            index('department_id', 'submitted_at', name='ix_enquiries_department_submitted_at'),
            index('enterprise_id', 'submitted_at', name='ix_enquiries_enterprise_submitted_at'),
            index('due_at', 'id', name='ix_enquiries_waiting', where=WAITING),
            index('department_id', 'due_at', 'id', name='ix_enquiries_waiting_department',
                  where=WAITING),
            index('submitted_at', name='ix_enquiries_submitted_at'),
        ],
    )
    create_table(
        'enquiry_reminders',
        integer('user_id'), date('day'), timestamp('sent_at'),
        owned_by('user_id', 'users'),
        unique('user_id', 'day'),
    )
    create_table(
        'enquiry_events',
        integer('enquiry_id'), integer('actor_id', null=True), string('kind', 20),
        boolean('internal'), json('details'), created_at(),
        *by_user('actor_id'), owned_by('enquiry_id', 'enquiries'),
        indexes=[index('enquiry_id', 'created_at', name='ix_enquiry_events_enquiry_created_at')],
    )
    create_table(
        'enquiry_messages',
        integer('enquiry_id'), integer('author_id', null=True), string('author_kind', 10),
        boolean('internal'), text('body'), string('submission_key', 64, null=True),
        created_at(),
        check('internal_by_staff', "author_kind = 'staff' OR NOT internal"),
        check('author_kind', "author_kind IN ('member', 'staff', 'guest')"),
        *by_user('author_id'), owned_by('enquiry_id', 'enquiries'),
        unique('submission_key'),
        indexes=[index('enquiry_id', 'created_at',
                       name='ix_enquiry_messages_enquiry_created_at')],
    )
    create_attachments('enquiry_attachments', 'message_id', 'enquiry_messages', ordered=False)


def downgrade():
    drop_table('enquiry_attachments', 'ix_enquiry_attachments_message_id')
    drop_table('enquiry_messages', 'ix_enquiry_messages_enquiry_created_at')
    drop_table('enquiry_events', 'ix_enquiry_events_enquiry_created_at')
    drop_table('enquiry_reminders')
    drop_table('enquiries',
               'ix_enquiries_submitted_at', 'ix_enquiries_waiting_department',
               'ix_enquiries_waiting', 'ix_enquiries_enterprise_submitted_at',
               'ix_enquiries_department_submitted_at', 'ix_enquiries_department_queue',
               'ix_enquiries_assignee_queue')
    drop_table('canned_replies', 'ix_canned_replies_department_id')
    drop_table('enquiry_categories')
    drop_table('enquiry_counters')
    drop_table('calendar_days')
