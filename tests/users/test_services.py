"""User administration rules (portal/users/services.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.users.services import (
    LastAdministrator,
    OwnAccount,
    OwnRoleRaise,
    deactivate_user,
    reactivate_user,
    update_user,
)


@pytest.fixture
def ctx(app):
    with app.test_request_context("/members/", headers={"Accept-Language": "en"}):
        yield


def load(user):
    return db.session.get(User, user.id)


def test_last_active_admin_cannot_lose_the_admin_role(ctx, staff_admin, make_user):
    # (users are made before this session first reads: SQLite snapshots at the first read)
    editor = make_user(kind="staff", roles=("editor",))
    make_user(kind="staff", roles=("admin",), active=False)  # an inactive admin does not count
    admin = load(staff_admin)
    with pytest.raises(LastAdministrator):
        update_user(admin, admin, roles=["editor"])
    db.session.rollback()
    with pytest.raises(LastAdministrator):
        update_user(admin, load(staff_admin), roles=[])
    db.session.rollback()
    # with a second active admin it may go
    update_user(load(staff_admin), load(editor), roles=["editor", "admin"])
    update_user(load(staff_admin), load(staff_admin), roles=["editor"])
    db.session.commit()
    assert load(staff_admin).role_set == {"editor"}


def test_last_active_admin_cannot_be_deactivated(ctx, staff_admin, make_user):
    other_admin = load(make_user(kind="staff", roles=("admin",)))
    deactivate_user(other_admin, load(staff_admin))
    db.session.commit()
    with pytest.raises((LastAdministrator, OwnAccount)):
        deactivate_user(other_admin, other_admin)


def test_last_admin_rule_holds_whoever_acts(ctx, staff_admin, make_user):
    """Even a (hypothetical) second actor cannot deactivate the only active admin."""
    agent = load(make_user(kind="staff", roles=("agent",)))
    with pytest.raises(LastAdministrator):
        deactivate_user(agent, load(staff_admin))


def test_nobody_raises_their_own_role(ctx, make_user, staff_admin):
    editor = load(make_user(kind="staff", roles=("editor",)))
    with pytest.raises(OwnRoleRaise):
        update_user(editor, editor, roles=["editor", "admin"])
    db.session.rollback()
    with pytest.raises(OwnRoleRaise):
        update_user(editor, editor, roles=["agent"])  # swapping counts as raising
    db.session.rollback()
    update_user(editor, load(editor), roles=[])  # giving up a role is fine
    db.session.commit()
    assert load(editor).role_set == set()


def test_role_change_is_audited(ctx, staff_admin, make_user):
    agent = load(make_user(kind="staff", roles=("agent",)))
    update_user(load(staff_admin), agent, roles=["agent", "editor"])
    db.session.commit()
    event = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.roles_changed")).one()
    assert event.details == {"old": ["agent"], "new": ["agent", "editor"]}
    assert event.actor_id == staff_admin.id and event.target_id == agent.id


def test_fields_that_do_not_fit_the_kind_are_ignored(ctx, staff_admin, member, make_department):
    user = load(member)
    update_user(load(staff_admin), user, roles=["admin"], department=make_department())
    db.session.commit()
    user = load(member)
    assert user.roles == "" and user.department_id is None and not user.has_role("admin")


def test_deactivation_rotates_the_session_token(ctx, staff_admin, member):
    user = load(member)
    token = user.session_token
    deactivate_user(load(staff_admin), user)
    db.session.commit()
    user = load(member)
    assert not user.active and user.session_token != token
    reactivate_user(load(staff_admin), user)
    db.session.commit()
    assert load(member).active
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["user.deactivated", "user.reactivated"]


def test_nobody_deactivates_themselves(ctx, staff_admin, make_user):
    make_user(kind="staff", roles=("admin",))
    with pytest.raises(OwnAccount):
        deactivate_user(load(staff_admin), load(staff_admin))
