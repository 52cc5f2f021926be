"""PortalError, the base of every rule a service enforces, and the translated error pages."""

from __future__ import annotations

import logging
import secrets

from flask import render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from portal.database import conflict_status
from portal.extensions import db
from portal.security import report

log = logging.getLogger(__name__)


class PortalError(Exception):
    """A rule was broken; the message is translatable and safe to show to the user."""

    message = _l("The request could not be carried out.")
    status = 400

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        if message is not None:
            self.message = message


class NotFound(PortalError):
    message = _l("The page you asked for does not exist.")
    status = 404


class Forbidden(PortalError):
    message = _l("You are not allowed to do that.")
    status = 403


class Conflict(PortalError):
    """The object's state does not allow the change: it is done already, the name is taken,
    the membership has expired …"""

    status = 409


PAGES = {
    400: (_l("Bad request"), _l(
        "The request could not be understood. Please check what you sent and try again.")),
    403: (_l("Access denied"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist or has been moved.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    409: (_l("Changed at the same moment"), _l(
        "Someone else changed the same thing at the same moment, so nothing was saved. "
        "Please go back, check and send it again.")),
    413: (_l("Too large"), _l(
        "What you sent is larger than the portal accepts. "
        "Please send a smaller file or shorter text.")),
    429: (_l("Too many requests"), _l(
        "You have made too many attempts. Please wait a few minutes and try again.")),
    503: (_l("Busy"), _l(
        "The portal is busy with other changes at this moment; nothing was saved. "
        "Please go back and send it again in a few seconds.")),
    500: (_l("Server error"), _l(
        "Something went wrong on our side. The secretariat has been told; "
        "please try again later.")),
}


def render_error(status: int, message=None, incident: str | None = None):
    title, default = PAGES.get(status, PAGES[500])
    if request_ctx.url_adapter is None:
        # A Host outside TRUSTED_HOSTS: no URL can be built, so no page with links either.
        return f"{title} ({status})", status, {"Content-Type": "text/plain; charset=utf-8"}
    body = render_template(
        "errors/error.html", status=status, title=title, message=message or default,
        incident=incident,
    )
    return body, status


def register_error_handlers(app) -> None:
    @app.errorhandler(PortalError)
    def portal_error(error):
        db.session.rollback()
        if isinstance(error, Forbidden | NotFound):  # a service refused an object: its owner's
            report("access.denied" if error.status == 403 else "access.not_found")
        return render_error(error.status, error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_error(400, _l(
            "This form has expired or was sent from elsewhere. Please go back, "
            "reload the page and send it again; what you typed is still in your browser."
        ))

    @app.errorhandler(HTTPException)
    def http_error(error):
        db.session.rollback()
        if isinstance(error, SecurityError):
            # An untrusted Host: no page can be built (links would need the host).
            return "400 Bad Request · 请求有误", 400, {"Content-Type": "text/plain; charset=utf-8"}
        if error.code == 403:
            report("access.denied")
        if error.code not in PAGES or error.code == 500:
            return error if error.code < 400 else render_error(error.code or 500)
        response = render_error(error.code)
        if error.code == 405 and error.valid_methods:
            return (*response, {"Allow": ", ".join(error.valid_methods)})
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error):
        if isinstance(error, HTTPException):
            return http_error(error)
        db.session.rollback()
        status = conflict_status(error)
        if status is not None:  # another writer at the same moment: not a fault of ours
            log.warning("%d on %s %s: %s", status, request.method, request.path, error.orig)
            response = render_error(status)
            return (*response, {"Retry-After": "2"}) if status == 503 else response
        incident = secrets.token_hex(4).upper()
        log.exception("incident %s on %s %s", incident, request.method, request.path)
        return render_error(500, incident=incident)
