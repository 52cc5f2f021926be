"""Request-wide protections: response headers, the `next` check, no-store for signed-in pages,
pages whose address holds their key (private_link_page), what a list's links may carry
(link_args), the one way a form on a cacheable public page is protected without a token,
comparing secrets, and the signal by which denied access and throttling are reported
(report())."""

from __future__ import annotations

import hmac
from functools import wraps
from urllib.parse import urlsplit

from blinker import Namespace
from flask import abort, current_app, make_response, request
from flask_login import current_user

from portal.extensions import csrf

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def safe_next(target: str | None) -> str | None:
    """The target when it is a path on this site, else None.

    One leading slash, no second slash or backslash, no control characters, no scheme or
    host: "same host" checks elsewhere let `/\\evil.example` and `http:///evil.example` by.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def private_link_page(view):
    """For a page whose address holds the key to it (a password-reset or invitation link, a
    visitor's enquiry): the address is never sent on as a Referer, and the page is never
    stored by a cache."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    return wrapped


# The names url_for() keeps for itself (and a list's page, which each link sets).
NOT_LINK_ARGS = frozenset({"endpoint", "page", "_anchor", "_method", "_scheme", "_external"})


def link_args(args) -> dict:
    """A list's arguments as the request brought them (its filters), ready for url_for() in
    the list's links (pager, download): less the page and the names url_for() keeps for
    itself, so that a query string cannot turn the links into other links. A template
    filter: `request.args|link_args`."""
    return {name: value for name, value in args.items() if name not in NOT_LINK_ARGS}


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def from_this_site() -> bool:
    """The request was sent by a page of this site: its Origin header (or, when a browser
    leaves that out, its Referer) is this site's address, BASE_URL or the request's own
    host (which TRUSTED_HOSTS has already checked). Neither header, or "null": refused."""
    allowed = {_origin_of(current_app.config["BASE_URL"]),
               _origin_of(f"{request.scheme}://{request.host}")}
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        return _origin_of(origin) in allowed
    referer = request.headers.get("Referer")
    return bool(referer) and _origin_of(referer) in allowed


def origin_checked(view):
    """For a form on a public page, which carries no CSRF token so that every visitor gets
    the same bytes (and a shared cache may keep them): instead of the token, the browser's
    Origin (or Referer) must name this site, as OWASP's "verifying origin with standard
    headers" describes; session cookies are SameSite=Lax besides. Only views so marked are
    exempt from the token check (ARCHITECTURE.md, "Input and output"). Answers 403."""

    @wraps(view)
    def checked(*args, **kwargs):
        if not from_this_site():
            abort(403)
        return view(*args, **kwargs)

    csrf.exempt(checked)
    return checked


signals = Namespace()
# Sent by report(): the audit log records it, bounded (portal/audit/security_events.py).
security_event = signals.signal("security-event")


def report(action: str, **details) -> None:
    """Report a security event of this request (denied access, a throttled log-in): the
    user, address and path are added by the receiver. Never pass a secret."""
    security_event.send(current_app._get_current_object(), action=action, details=details)


def same_secret(expected, given) -> bool:
    """Compare a secret with what a request brought, in constant time, whatever characters
    either holds (hmac.compare_digest raises TypeError for non-ASCII text)."""
    return hmac.compare_digest(str(expected).encode(), str(given).encode())


def register_security_headers(app) -> None:
    @app.after_request
    def set_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config["HSTS"]:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # (A request without cookies is nobody's: no need to load a user to know it.)
        if (request.endpoint != "static" and request.cookies and current_user
                and current_user.is_authenticated):
            headers["Cache-Control"] = "no-store"
            headers.add("Vary", "Cookie")
        return response
