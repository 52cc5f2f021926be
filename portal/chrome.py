"""The page chrome (header and footer of base.html), rendered once and reused.

The header and footer are the same on every page a visitor opens in one language, font
size and day, except for two things: the CSRF token of the language and font-size forms
(the visitor's own) and the page address those forms return to. Rendering them costs
about as much as the rest of a list page (some twenty translated strings, a Babel date,
url_for calls and the settings record), so for visitors each worker renders them once per
language, font size, day and endpoint (the navigation marks the current section) and
content generation (portal/pagecache.py: saving the settings bumps it), with markers where
the token and the address go, and fills those in per request. Signed-in users' headers
(their name, their area) are rendered each time.

The reader's font size (a cookie set by the switch in the header) is read here too.
"""

from __future__ import annotations

import secrets

from flask import current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from portal.i18n import today
from portal.pagecache import content_memo

# Random per process, letters only: nothing a page could contain, unchanged by escaping.
TOKEN_MARK = "chrometoken" + secrets.token_hex(8)
NEXT_MARK = "chromenext" + secrets.token_hex(8)
MAX_FRAGMENTS = 500

FONT_SIZES = ("small", "medium", "large")
FONT_SIZE_COOKIE = "font_size"


def font_size() -> str:
    size = request.cookies.get(FONT_SIZE_COOKIE)
    return size if size in FONT_SIZES else "medium"


def _fragment(name: str, key: tuple) -> str:
    fragments = content_memo("chrome")
    key = (name, str(get_locale()), request.script_root, *key)
    text = fragments.get(key)
    if text is None:
        text = render_template(f"_{name}.html", csrf=TOKEN_MARK, next_path=NEXT_MARK)
        if len(fragments) >= MAX_FRAGMENTS:
            fragments.clear()
        fragments[key] = text
    return text


def page_header() -> Markup:
    next_path = request.full_path.rstrip("?")
    if current_user.is_authenticated:
        return Markup(render_template("_header.html", csrf=generate_csrf(), next_path=next_path))
    text = _fragment("header", (font_size(), today(), request.endpoint))
    return Markup(text.replace(TOKEN_MARK, generate_csrf())
                  .replace(NEXT_MARK, str(escape(next_path))))


def page_footer() -> Markup:
    return Markup(_fragment("footer", ()))


def url_once(endpoint: str, **values) -> str:
    """url_for(endpoint, **values), worked out once per worker and script root: for
    addresses every page asks for again and again."""
    urls = current_app.extensions.setdefault("urls_once", {})
    key = (request.script_root, endpoint, *sorted(values.items()))
    if key not in urls:
        urls[key] = url_for(endpoint, **values)
    return urls[key]


def static_url(filename: str) -> str:
    """url_for('static', filename=…), worked out once per file (base.html asks for five)."""
    return url_once("static", filename=filename)


def register_chrome(app) -> None:
    app.jinja_env.globals.update(page_header=page_header, page_footer=page_footer,
                                 static_url=static_url)
