"""Staff screens for users (/staff/users/): admins only."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.accounts.models import User
from portal.accounts.services import AlreadyAccepted, invitation_pending
from portal.converters import as_id
from portal.departments.models import Department
from portal.departments.services import all_departments
from portal.editing import show_refusal
from portal.enterprises.models import Enterprise
from portal.enterprises.services import pick_enterprise
from portal.extensions import db
from portal.forms import valid_filters
from portal.i18n import current_language
from portal.state_changes import change_state
from portal.users.forms import (
    InviteMemberForm,
    InviteStaffForm,
    MemberUserForm,
    StaffUserForm,
    UserFilterForm,
)
from portal.users.services import (
    EmailTaken,
    LastAdministrator,
    OwnAccount,
    OwnRoleRaise,
    StatusUnchanged,
    deactivate_user,
    invite_user,
    reactivate_user,
    resend_invitation,
    revoke_invitation,
    update_user,
    user_list_query,
)

bp = Blueprint("users", __name__, url_prefix="/users")
PER_PAGE = 25

require_role(bp, "admin")


def department_choices():
    return [(d.id, d.display_name(current_language())) for d in all_departments()]


@bp.route("/")
def index():
    form = UserFilterForm(request.args)
    filters = valid_filters(form, ("q", "kind", "role", "active"))
    page = db.paginate(user_list_query(**filters), per_page=PER_PAGE, max_per_page=100)
    return render_template("staff/users/index.html", form=form, page=page)


def _invite_form(kind: str):
    """The invitation form for the kind; a member's enterprise can come from ?enterprise=<id>."""
    if kind == "staff":
        form = InviteStaffForm()
        departments = all_departments()
        form.department_id.choices = [(d.id, d.display_name(current_language()))
                                      for d in departments]
        if not form.is_submitted():
            form.department_id.data = next((d.id for d in departments if d.is_default), None)
        return form
    form = InviteMemberForm()
    enterprise = db.session.get(Enterprise, as_id(request.args.get("enterprise")) or 0)
    if enterprise is not None and not form.is_submitted():
        form.enterprise.data = f"{enterprise.name_zh} · {enterprise.credit_code}"
    return form


def _picked_enterprise(form):
    """The enterprise the form's text names, or None with the reason next to the field."""
    found = pick_enterprise(form.enterprise.data)
    if len(found) == 1:
        return found[0]
    if not found:
        form.enterprise.errors.append(_("No member enterprise matches. Type part of its name "
                                        "or its credit code."))
    else:
        form.enterprise.errors.append(_(
            "Several enterprises match: %(names)s. Please type more of the name, or the "
            "credit code.", names=_(", ").join(e.name_zh for e in found)))
    return None


def _invite(form, kind: str):
    """Invite with the form's fields for this kind only; problems go next to their field."""
    fields = {"email": form.email.data, "name": form.name.data, "kind": kind,
              "language": form.language.data}
    if kind == "staff":
        fields.update(roles=form.roles.data,
                      department=db.session.get(Department, form.department_id.data))
    else:
        fields.update(is_primary_contact=form.is_primary_contact.data,
                      enterprise=_picked_enterprise(form))
        if fields["enterprise"] is None:
            return None
    try:
        user = invite_user(current_user, **fields)
    except EmailTaken as error:
        show_refusal(form, error, "email")
        return None
    db.session.commit()
    flash(_("An invitation has been sent to %(email)s.", email=user.email), "success")
    return redirect(url_for(".edit", user_id=user.id))


@bp.route("/new", methods=["GET", "POST"])
def create():
    kind = "member" if request.args.get("kind") == "member" else "staff"
    form = _invite_form(kind)
    if form.validate_on_submit() and (response := _invite(form, kind)):
        return response
    return render_template("staff/users/create.html", form=form, kind=kind)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
def edit(user_id):
    user = db.get_or_404(User, user_id)
    if user.is_staff:
        # (not obj=user: its space-separated roles string would become one role per letter)
        form = StaffUserForm(data={"name": user.name, "department_id": user.department_id,
                                   "roles": sorted(user.role_set)})
        form.department_id.choices = department_choices()
    else:
        form = MemberUserForm(obj=user)
    if form.validate_on_submit():
        fields = {"name": form.name.data}
        if user.is_staff:
            fields.update(roles=form.roles.data,
                          department=db.session.get(Department, form.department_id.data))
        else:
            fields["is_primary_contact"] = form.is_primary_contact.data
        try:
            update_user(current_user, user, **fields)
        except (OwnRoleRaise, LastAdministrator) as error:
            show_refusal(form, error, "roles")
        else:
            db.session.commit()
            flash(_("The account of %(name)s has been saved.", name=user.name), "success")
            return redirect(url_for(".edit", user_id=user.id))
    return render_template("staff/users/edit.html", form=form, user=user,
                           invitation_pending=invitation_pending(user))


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
def deactivate(user_id):
    return _change_status(user_id, deactivate_user, _(
        "%(name)s has been deactivated and signed out."))


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
def reactivate(user_id):
    return _change_status(user_id, reactivate_user, _("%(name)s can sign in again."))


@bp.route("/<int:user_id>/resend", methods=["POST"])
def resend(user_id):
    return _change_status(user_id, resend_invitation, _(
        "A new invitation has been sent to %(name)s; earlier links no longer work."))


@bp.route("/<int:user_id>/revoke", methods=["POST"])
def revoke(user_id):
    return _change_status(user_id, revoke_invitation, _(
        "The invitation of %(name)s has been revoked."))


def _change_status(user_id, service, message):
    user = db.get_or_404(User, user_id)
    change_state(service, user, message % {"name": user.name},
                 refused=(StatusUnchanged, OwnAccount, LastAdministrator, AlreadyAccepted))
    return redirect(url_for(".edit", user_id=user.id))
