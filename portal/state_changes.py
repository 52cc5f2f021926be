"""The one way a staff or member screen changes an object's state with a button (deactivate,
reactivate, suspend, re-send …): run the service, commit and say so, or roll back and say why.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import flash
from flask_login import current_user

from portal.errors import PortalError
from portal.extensions import db


def change_state(service: Callable, obj, done: str, *,
                 refused: tuple[type[PortalError], ...] = (PortalError,),
                 refused_category: str = "danger") -> bool:
    """service(current_user, obj); on success commit and flash `done`, on one of the `refused`
    errors roll back and flash its message. True when the change was made; the caller
    redirects either way (POST, redirect, GET)."""
    try:
        service(current_user, obj)
    except refused as error:
        db.session.rollback()
        flash(error.message, refused_category)
        return False
    db.session.commit()
    flash(done, "success")
    return True
