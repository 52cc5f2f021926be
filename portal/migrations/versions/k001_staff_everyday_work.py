"""staff everyday work: enterprises sorted by pinyin, renewal reminders, the mail log's
retention, one object's audit history

Revision ID: k001
Revises: i001
Create Date: 2026-11-30 14:00:00

"""
import sqlalchemy as sa
from alembic import op

from portal.migrations.columns import create_table, date, integer, owned_by, timestamp, unique


# revision identifiers, used by Alembic.
revision = 'k001'
down_revision = 'i001'
branch_labels = None
depends_on = None


def upgrade():
    # Adding columns never rebuilds a table (no batch mode needed on SQLite).
    op.add_column('enterprises', sa.Column('name_sort', sa.String(length=400), nullable=False,
                                           server_default=''))
    op.create_index('ix_enterprises_name_sort', 'enterprises', ['name_sort'], unique=False)
    from portal.sorting import pinyin_key

    enterprises = sa.table('enterprises', sa.column('id', sa.Integer),
                           sa.column('name_zh', sa.String), sa.column('name_sort', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(enterprises.c.id, enterprises.c.name_zh)).all()
    if rows:
        connection.execute(
            enterprises.update().where(enterprises.c.id == sa.bindparam('row_id'))
            .values(name_sort=sa.bindparam('key')),
            [{'row_id': row.id, 'key': pinyin_key(row.name_zh)} for row in rows])

    create_table(
        'membership_reminders',
        integer('enterprise_id'), date('expires_on'), integer('days'), integer('recipients'),
        timestamp('sent_at'),
        owned_by('enterprise_id', 'enterprises'),
        unique('enterprise_id', 'expires_on', 'days'),
    )

    op.add_column('outbox_messages', timestamp('purged_at', null=True))
    op.create_index('ix_outbox_messages_created_at', 'outbox_messages', ['created_at'],
                    unique=False)
    op.create_index('ix_audit_events_target', 'audit_events', ['target_type', 'target_id'],
                    unique=False)


def downgrade():
    op.drop_index('ix_audit_events_target', table_name='audit_events')
    op.drop_index('ix_outbox_messages_created_at', table_name='outbox_messages')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('purged_at')
    op.drop_table('membership_reminders')
    op.drop_index('ix_enterprises_name_sort', table_name='enterprises')
    with op.batch_alter_table('enterprises', schema=None) as batch_op:
        batch_op.drop_column('name_sort')
