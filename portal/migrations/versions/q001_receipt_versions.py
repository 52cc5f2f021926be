"""users.notice_reads_version and enterprises.notice_acks_version: bumped with each new receipt
and acknowledgement, so that a worker may keep a member's receipts between requests

Revision ID: q001
Revises: p001
Create Date: 2026-12-01 11:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'q001'
down_revision = 'p001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('notice_reads_version', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('enterprises') as batch_op:
        batch_op.add_column(sa.Column('notice_acks_version', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('enterprises') as batch_op:
        batch_op.drop_column('notice_acks_version')
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('notice_reads_version')
