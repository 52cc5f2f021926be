"""Home and contact pages, robots.txt, liveness, and the language switch of the pages whose
address has no language (signing in, the member and staff areas)."""

from __future__ import annotations

import logging
from urllib.parse import quote_plus

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.enquiries.forms import GuestEnquiryForm
from portal.enquiries.services import SubmissionRefused, submit_guest_enquiry
from portal.extensions import db
from portal.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_COOKIE,
    LANGUAGES,
    address_language,
    current_language,
    language_route,
    root_language,
)
from portal.news.listing import home_sections
from portal.operations.readiness import readiness_problems
from portal.pagecache import cached_page
from portal.security import safe_next
from portal.settings.services import get_site_settings
from portal.throttle import attempt, refund

bp = Blueprint("pages", __name__)
log = logging.getLogger(__name__)

YEAR = 365 * 24 * 3600


def _back():
    return redirect(safe_next(request.form.get("next")) or url_for("pages.home"))


def _home_variant() -> str:
    """/ answers by the reader's language (root_language()); /en/ is always English."""
    return root_language() if address_language() == DEFAULT_LANGUAGE else ""


@language_route(bp, "/")
@cached_page(variant=_home_variant)
def home():
    if address_language() == DEFAULT_LANGUAGE and root_language() == "en":
        response = redirect(url_for("pages.home", lang="en"))
        response.vary.update(("Accept-Language", "Cookie"))
        return response
    has_search = "search.index" in current_app.view_functions
    return render_template("pages/home.html", has_search=has_search, **home_sections())


# A plain link to a map search for the address: no third-party script or frame on the page.
MAP_SEARCH = "https://map.baidu.com/search/{query}"


@language_route(bp, "/contact")
@cached_page()
def contact():
    settings = get_site_settings()
    address = settings.address_zh or settings.address(current_language())
    map_url = MAP_SEARCH.format(query=quote_plus(address)) if address else None
    return render_template("pages/contact.html", map_url=map_url)


def _contact_limit() -> tuple[str, str]:
    return current_app.config["CONTACT_LIMIT_PER_ADDRESS"], "contact:" + (
        request.remote_addr or "")


def _message_form(form, status=200):
    return render_template("pages/contact_message.html", form=form), status


# The form has a page of its own, made for each visitor (its token belongs to the visitor's
# session, its one-time key to this form), so that the contact page stays the same bytes
# for every visitor.
@language_route(bp, "/contact/message", methods=["GET", "POST"])
def contact_message():
    """The visitors' form: a message becomes a guest enquiry in the default department's
    queue, answered by mail. Messages are limited per address (counted before the message is
    stored, and only those that are: a form with mistakes does not count); a form sent with an
    expired token comes back filled in (portal/resend.py)."""
    form = GuestEnquiryForm()
    if not form.validate_on_submit():
        return _message_form(form, 400 if form.is_submitted() else 200)
    received = _("Thank you. Your message has been received; we will answer by e-mail.")
    if form.website.data:  # the honeypot: a robot; it is told nothing different
        log.info("contact form honeypot filled from %s", request.remote_addr)
        flash(received, "success")
        return redirect(url_for("pages.contact"))
    if not attempt(*_contact_limit()):
        flash(_("You have sent several messages in a short time. Please wait a while and send "
                "this one again; what you typed is still here."), "danger")
        return _message_form(form, 429)
    try:
        submitted = submit_guest_enquiry(
            key=form.key.data, name=form.name.data, email=form.email.data,
            phone=form.phone.data, subject=form.subject.data, body=form.body.data,
            language=current_language())
    except SubmissionRefused as error:
        db.session.rollback()
        refund(*_contact_limit())
        flash(error.message, "danger")
        return _message_form(form, 400)
    reference = submitted.enquiry.reference
    db.session.commit()
    flash(_("Thank you. Your message has been received with the reference %(reference)s; we "
            "have sent a confirmation to your e-mail address and will answer there.",
            reference=reference), "success")
    return redirect(url_for("pages.contact"))


@bp.route("/robots.txt")
def robots():
    base = current_app.config["BASE_URL"].rstrip("/")
    lines = ["User-agent: *", "Disallow: /staff/", "Disallow: /members/", "Disallow: /login",
             "Disallow: /search", "Disallow: /en/search", "",
             f"Sitemap: {base}{url_for('news.sitemap')}", ""]
    response = make_response("\n".join(lines))
    response.mimetype = "text/plain"
    return response


@bp.route("/healthz")
def healthz():
    """For load balancers and `make bench` (the minimal route): no database, no template."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/readyz")
def readyz():
    """For load balancers: 200 when the database answers and the file store takes files,
    else 503 with the reasons (portal/operations/readiness.py)."""
    problems = readiness_problems()
    body, status = ("not ready: " + "; ".join(problems), 503) if problems else ("ready", 200)
    return body + "\n", status, {"Content-Type": "text/plain; charset=utf-8",
                                 "Cache-Control": "no-store"}


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    """The switch on pages without a language in their address: saved for a signed-in
    user, and in the `lang` cookie (readable by script: the public pages' switch, a link,
    sets it too, see static/js/portal.js)."""
    if code not in LANGUAGES:
        return _back()
    response = _back()
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=YEAR, samesite="Lax")
    if current_user.is_authenticated:
        current_user.language = code
        db.session.commit()
    return response
