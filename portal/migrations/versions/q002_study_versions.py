"""users.material_studies_version: bumped with each 已学 mark, so that a worker may keep a
member's marks between requests

Revision ID: q002
Revises: q001
Create Date: 2026-12-01 11:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'q002'
down_revision = 'q001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.add_column(sa.Column('material_studies_version', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('users') as batch_op:
        batch_op.drop_column('material_studies_version')
