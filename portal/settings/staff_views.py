"""The site settings screen (/staff/settings/): admins only."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import require_role
from portal.extensions import db
from portal.settings.forms import SiteSettingsForm
from portal.settings.services import EDITABLE, get_site_settings, update_site_settings

bp = Blueprint("settings", __name__, url_prefix="/settings")

require_role(bp, "admin")


@bp.route("/", methods=["GET", "POST"])
def edit():
    form = SiteSettingsForm(obj=get_site_settings())
    if form.validate_on_submit():
        changes = update_site_settings(current_user, **{name: form[name].data for name in EDITABLE})
        db.session.commit()
        flash(_("The site settings have been saved.") if changes else
              _("Nothing was changed."), "success")
        return redirect(url_for(".edit"))
    return render_template("staff/settings/edit.html", form=form)

