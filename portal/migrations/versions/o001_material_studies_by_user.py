"""material_studies: an index by member (user_id, material_id), for the 已学 marks of one member

Revision ID: o001
Revises: j001
Create Date: 2026-12-01 00:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'o001'
down_revision = 'j001'
branch_labels = None
depends_on = None


def upgrade():
    # The member's materials list and dashboard join the member's own marks; without this
    # index PostgreSQL read every member's marks to find them (3,000 rows at the bench's size).
    op.create_index('ix_material_studies_user', 'material_studies', ['user_id', 'material_id'])


def downgrade():
    op.drop_index('ix_material_studies_user', table_name='material_studies')
