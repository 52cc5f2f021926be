"""mail outbox, invitation time

Revision ID: a001
Revises: 0002
Create Date: 2026-11-26 03:54:01.824012

"""
from alembic import op

from portal.migrations.columns import check, create_table, created_at, drop_table, index, integer, string, text, timestamp


# revision identifiers, used by Alembic.
revision = 'a001'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'outbox_messages',
        string('recipient', 254), string('subject', 300), text('body_text'), text('body_html'),
        string('template', 60), string('language', 10), string('status', 10),
        integer('attempts'), timestamp('next_attempt_at'), timestamp('claimed_at', null=True),
        string('last_error', 500), created_at(), timestamp('sent_at', null=True),
        check('status', "status IN ('queued', 'sending', 'sent', 'failed')"),
        indexes=[index('status', 'next_attempt_at',
                       name='ix_outbox_messages_status_next_attempt_at')],
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(timestamp('invited_at', null=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('invited_at')

    drop_table('outbox_messages', 'ix_outbox_messages_status_next_attempt_at')
