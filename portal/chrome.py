"""The page chrome (header and footer of base.html), rendered once and reused, and the
addresses of static files.

The header is the same for every reader of a kind of page but for a few values: it
depends on the language, the day (it shows today's date), the current section in the
navigation, whether the page has a twin in the other language, and whether the reader is
a visitor, a member or staff. Rendering it costs about as much as the rest of a list page
(some twenty translated strings, a Babel date, url_for calls and the settings record), so
each worker renders it once per such kind and content generation (portal/generation.py:
saving the settings bumps it), with markers where the request's own values go: the twin's
address, the user's name, the CSRF token of its forms and the address to come back to.

Static files are addressed by content: static_url() puts a digest of the file in its name
(css/portal.3f9a2b1c.css), which the static view (and nginx) strip again, so they can be
cached for a year and a new release is fetched at once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from pathlib import Path

from flask import current_app, render_template, request, send_from_directory, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf as csrf_token
from markupsafe import Markup, escape

from portal.dates import today
from portal.generation import content_memo
from portal.i18n import current_language, language_endpoints, twin_url

# Random per process, letters only: nothing a page could contain, unchanged by escaping.
TWIN_MARK, NAME_MARK, NEXT_MARK, CSRF_MARK = (
    f"chrome{part}{secrets.token_hex(8)}" for part in ("twin", "name", "next", "csrf"))
MAX_FRAGMENTS = 500
YEAR = 365 * 24 * 3600


def _fragment(name: str, key: tuple, **context) -> str:
    fragments = content_memo("chrome")
    key = (name, str(get_locale()), request.script_root, *key)
    text = fragments.get(key)
    if text is None:
        text = render_template(f"_{name}.html", **context)
        if len(fragments) >= MAX_FRAGMENTS:
            fragments.clear()
        fragments[key] = text
    return text


def other_language() -> str:
    return "en" if current_language() == "zh_CN" else "zh_CN"


def page_header() -> Markup:
    """The header, from the fragment for its kind of page and reader, with this request's
    values put in where its markers are: the twin's address, the user's name, the CSRF
    token of its two forms and the address to come back to. A token is made only for a
    header that has a form (a visitor's public page has none, so it stays cacheable)."""
    addressed = request.endpoint in language_endpoints()
    position = current_app.extensions["navigation_position"]()
    twin = twin_url(other_language()) if addressed else None
    user = current_user
    signed_in = user.is_authenticated
    key = (today(), position, twin is not None, signed_in, signed_in and user.is_staff,
           request.blueprint == "staff")
    text = _fragment("header", key, twin=TWIN_MARK if twin else None, current_entry=position,
                     next_path=NEXT_MARK, user_name=NAME_MARK, csrf=CSRF_MARK)
    values = ((TWIN_MARK, lambda: twin), (NAME_MARK, lambda: user.name),
              (NEXT_MARK, lambda: request.full_path.rstrip("?")), (CSRF_MARK, csrf_token))
    for mark, value in values:
        if mark in text:
            text = text.replace(mark, str(escape(value())))
    return Markup(text)


def has_search() -> bool:
    return "search.index" in current_app.view_functions


def page_footer() -> Markup:
    return Markup(_fragment("footer", ()))


def url_once(endpoint: str, **values) -> str:
    """url_for(endpoint, **values), worked out once per worker, script root and language:
    for addresses every page asks for again and again."""
    urls = current_app.extensions.setdefault("urls_once", {})
    key = (request.script_root, current_language(), endpoint, *sorted(values.items()))
    if key not in urls:
        urls[key] = url_for(endpoint, **values)
    return urls[key]


# Static files -------------------------------------------------------------------------------

HASHED_NAME = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{8})(?P<suffix>\.[A-Za-z0-9]+)$")


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:8]


def static_url(filename: str) -> str:
    """The address of a static file with its content's digest in the name (worked out once
    per file and worker)."""
    urls = current_app.extensions.setdefault("static_urls", {})
    key = (request.script_root, filename)
    if key not in urls:
        path = Path(current_app.static_folder) / filename
        stem, dot, suffix = filename.rpartition(".")
        hashed = f"{stem}.{_digest(path)}.{suffix}" if dot and path.is_file() else filename
        urls[key] = url_for("static", filename=hashed)
    return urls[key]


def send_static(filename: str):
    """The static view: a name with a digest is the file without it, kept for a year when
    the digest is the file's own (an old digest gets the current file, briefly cached)."""
    folder = current_app.static_folder
    match = HASHED_NAME.match(filename)
    if match:
        plain = match["stem"] + match["suffix"]
        path = Path(folder) / plain
        if path.is_file():
            response = send_from_directory(folder, plain, max_age=None)
            if match["digest"] == _digest(path):
                response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
            return response
    return send_from_directory(folder, filename)


def register_chrome(app, navigation_position) -> None:
    """navigation_position() -> the current page's place in the main navigation, or None
    (the header marks it; the areas own the navigation)."""
    app.extensions["navigation_position"] = navigation_position
    app.view_functions["static"] = send_static
    app.jinja_env.globals.update(page_header=page_header, page_footer=page_footer,
                                 static_url=static_url, has_search=has_search)
