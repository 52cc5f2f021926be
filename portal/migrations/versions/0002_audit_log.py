"""audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 03:49:45.500348

"""
from portal.migrations.columns import by_user, create_table, created_at, drop_table, index, integer, json, string


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'audit_events',
        created_at(), integer('actor_id', null=True), string('action', 60),
        string('target_type', 40), integer('target_id', null=True),
        string('address', 64), json('details'),
        *by_user('actor_id'),
        indexes=[index('action'), index('actor_id'), index('created_at')],
    )


def downgrade():
    drop_table('audit_events',
               'ix_audit_events_created_at', 'ix_audit_events_actor_id', 'ix_audit_events_action')
