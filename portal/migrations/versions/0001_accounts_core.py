"""accounts core: departments, enterprises, users, site settings

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 03:47:46.742711

"""
from portal.migrations.columns import bilingual, boolean, check, create_table, created_at, date, drop_table, foreign_key, index, integer, string, timestamp, unique, updated_at


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    create_table(
        'departments',
        *bilingual('name', 100, 200), boolean('is_default'), created_at(),
        unique('name_zh'),
    )
    create_table(
        'enterprises',
        *bilingual('name', 200, 300), string('credit_code', 18),
        string('level', 20), string('status', 20),
        date('joined_on', null=True), date('expires_on', null=True), created_at(),
        check('level', "level IN ('president', 'vice_president', 'director', 'member')"),
        check('status', "status IN ('active', 'suspended', 'lapsed')"),
        unique('credit_code'),
        indexes=[index('expires_on'), index('status')],
    )
    create_table(
        'site_settings',
        *bilingual('site_name', 100, 200),
        string('hotline', 40), string('fax', 40), string('email', 254),
        *bilingual('address', 200, 300), string('postcode', 12),
        string('icp_number', 60), string('security_filing_number', 60),
        updated_at(),
    )
    create_table(
        'users',
        string('email', 254), string('name', 100), string('phone', 40),
        string('password_hash', 255, null=True), string('kind', 10), string('roles', 60),
        integer('department_id', null=True), integer('enterprise_id', null=True),
        boolean('is_primary_contact'), string('language', 10, null=True), boolean('active'),
        string('session_token', 64), created_at(), timestamp('last_login_at', null=True),
        check('kind_links', "(kind = 'member' AND enterprise_id IS NOT NULL AND "
                            "department_id IS NULL) OR (kind = 'staff' AND enterprise_id IS NULL)"),
        check('kind', "kind IN ('member', 'staff')"),
        foreign_key('department_id', 'departments'),
        foreign_key('enterprise_id', 'enterprises'),
        unique('email'),
        indexes=[index('department_id'), index('enterprise_id')],
    )


def downgrade():
    drop_table('users', 'ix_users_enterprise_id', 'ix_users_department_id')
    drop_table('site_settings')
    drop_table('enterprises', 'ix_enterprises_status', 'ix_enterprises_expires_on')
    drop_table('departments')
