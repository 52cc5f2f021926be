"""A form sent with a stale CSRF token, or with files past the size limit, comes back with
what was typed and a message, instead of a bare 400 or 413 page.

Flask-WTF's own check (WTF_CSRF_CHECK_DEFAULT) is off; check_form_post() below runs the same
check, first thing for every state-changing request. When it fails on a form page (an
endpoint that also answers GET: it shows a form and takes it back), the view still runs, so
that it renders its form from the posted values, but the form can never be taken as sent:
the token is taken out of the posted values, so the form's own CSRF field refuses it, and the
session refuses to write anything in such a request. Other endpoints (buttons that post) get
the CSRF error page as before.

A multipart body larger than MAX_CONTENT_LENGTH (up to READ_FACTOR times it) is read with
its files thrown away as they arrive, then shown again the same way; anything larger is 413.
"""

from __future__ import annotations

from flask import current_app, flash, g, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import event
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from portal.converters import DISCARD_FILES
from portal.extensions import csrf

READ_FACTOR = 5
def _form_page() -> bool:
    return request.url_rule is not None and "GET" in (request.url_rule.methods or ())


def _exempt(app) -> bool:
    view = app.view_functions.get(request.endpoint)
    return (app.blueprints.get(request.blueprint) in csrf._exempt_blueprints
            or f"{view.__module__}.{view.__name__}" in csrf._exempt_views)


def _read_text_only() -> bool:
    """Parse a too-large multipart body keeping only its text fields; True if it was one."""
    limit, length = request.max_content_length, request.content_length
    if not limit or not length or length <= limit or request.mimetype != "multipart/form-data":
        return False
    if length > limit * READ_FACTOR or not _form_page():
        raise RequestEntityTooLarge()
    request.max_content_length = limit * READ_FACTOR  # (None would mean the app's limit)
    request.environ[DISCARD_FILES] = True
    request.form  # noqa: B018  (parsed now, each file into Discard)
    request.files = ImmutableMultiDict()
    return True


def _show_again(message: str) -> None:
    """Let the view render its form from the posted values, never accept it."""
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    request.form = type(request.form)(
        [(key, value) for key, value in request.form.items(multi=True) if key != field])
    g.pop("csrf_valid", None)  # set by csrf.protect(); forms then skip their own check
    g.form_refused = message
    flash(message, "warning")


def check_form_post():
    app = current_app
    if (request.method not in app.config["WTF_CSRF_METHODS"] or not request.endpoint
            or not app.config["WTF_CSRF_ENABLED"] or _exempt(app)):
        return
    too_large = _read_text_only()
    try:
        csrf.protect()
    except CSRFError:
        if not _form_page():
            raise
        _show_again(_("This form had expired, so it was not sent. What you typed is still "
                      "here: please check it and send it again."))
        return
    if too_large:
        mb = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        _show_again(_("What you sent is larger than the portal accepts (%(mb)d MB in all), "
                      "so the files you chose were not received. What you typed is kept: "
                      "please choose smaller files and send again.", mb=mb))


def _mark_refused(response):
    if g.get("form_refused") and response.status_code == 200:
        response.status_code = 400
    return response


def _no_writes_in_a_refused_form(session, flush_context, instances) -> None:
    from flask import has_request_context

    if has_request_context() and g.get("form_refused"):
        raise CSRFError(g.form_refused)


def register_form_resend(app) -> None:
    from flask_sqlalchemy.session import Session

    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # check_form_post() does it
    app.before_request(check_form_post)
    app.after_request(_mark_refused)
    if not event.contains(Session, "before_flush", _no_writes_in_a_refused_form):
        event.listen(Session, "before_flush", _no_writes_in_a_refused_form)
