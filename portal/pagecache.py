"""Anonymous public pages as HTTP resources: validators, Cache-Control, 304 answers, and the
in-process page cache for deployments without a caching proxy in front.

Rules:
- Only views marked with @cached_page, only GET and HEAD, and only requests that carry no
  session or remember-me cookie: such a request is nobody's, so its answer is the same
  bytes for every visitor of the address (the language is in the address). A request with
  one of those cookies (a signed-in user, a flashed message, a form's token) gets the page
  made for it, `private, no-store`, and is never stored.
- The content generation names "what the public pages show": anything they show calls
  bump_generation() when it changes (saving settings, a category, any article change the
  public sees), and the first request after a scheduled change comes due bumps it too.
- A page's ETag is a digest of the release (the code, templates, translations and static
  files this process serves), the generation, the day in Beijing (the header shows today's
  date), the address and the view's variant; Last-Modified is the later of the
  generation's time and the start of the day. If-None-Match (or, without it,
  If-Modified-Since) is answered 304 before the view runs.
- Cache-Control: a short max-age for browsers, a longer s-maxage and stale-while-revalidate
  for shared caches, none of them reaching past midnight or the next scheduled change.
  X-Accel-Expires tells the nginx in front (deploy/nginx/portal.conf) to revalidate after
  PAGE_PROXY_MAX_AGE seconds, so a change shows there at once while nginx answers nearly
  every request from its own cache; nginx does not pass it on.
- With PAGE_CACHE_ENABLED, the finished responses (body and every header the hooks set) are
  kept in Flask-Caching under the same digest, so the portal serves repeated pages without
  rendering when nothing stands in front of it. PageStore, a WSGI middleware, answers those
  and the 304s before Flask opens a session or runs a hook, for the addresses this worker
  has seen answered as public pages.

The validators and the caching headers are portal/pagevalidators.py; the content
generation and content_memo() are in portal/generation.py.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app, g, request
from flask.ctx import RequestContext

from portal.extensions import cache
from portal.pagevalidators import Validators, release_digest
from portal.reading import reads_only

CACHEABLE_METHODS = ("GET", "HEAD")


def cached_page(on_hit=None, autocommit=True, variant=None):
    """Mark a view as a public page, the same for every visitor of its address.

    on_hit(*view_args, response=…) runs when the page is answered without the view (from
    the page cache, or 304), e.g. to count a view of an article. variant(): for a view
    whose answer depends on more than its address (the home page at / redirects English
    browsers), a short string naming which answer this request gets. Such a view only
    reads: on PostgreSQL it reads without a transaction (reading.reads_only) unless
    autocommit is False."""

    def mark(view):
        view.page_cache = {"on_hit": on_hit, "variant": variant}
        return reads_only(view) if autocommit else view

    return mark


# Requests -----------------------------------------------------------------------------------

def _rule():
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "page_cache", None)


def anonymous_request() -> bool:
    """No session or remember-me cookie: the request is nobody's (nginx decides alike)."""
    config = current_app.config
    cookies = request.cookies
    return (config["SESSION_COOKIE_NAME"] not in cookies
            and config.get("REMEMBER_COOKIE_NAME", "remember_token") not in cookies)


def _not_modified(validators: Validators, rule: dict):
    response = current_app.response_class(status=304)
    validators.apply(response)
    g.page_cache_state = "not-modified"
    if rule["on_hit"]:
        rule["on_hit"](*request.view_args.values(), response=response)
    return response


def serve_public_page():
    """before_request: 304 when the visitor holds the page (PageStore answers nearly all of
    them before Flask; this is for a page it has not seen yet), else note what
    after_request needs."""
    rule = _rule()
    if rule is None:
        return None
    if request.method not in CACHEABLE_METHODS or not anonymous_request():
        g.page_cache_state = "bypass"
        return None
    validators = g.page_validators = Validators(rule)
    if validators.matches():
        return _not_modified(validators, rule)
    g.page_cache_state = "miss" if current_app.config["PAGE_CACHE_ENABLED"] else "off"
    return None


# Headers a stored page gets anew for each request (the rest are stored with it).
PER_REQUEST_HEADERS = frozenset(("cache-control", "x-accel-expires", "x-page-cache",
                                 "content-length", "date", "server", "set-cookie"))
KNOWN_PATHS_LIMIT = 50_000  # addresses one worker remembers as public pages


class PageStore:
    """WSGI middleware around the Flask app: a visitor's GET or HEAD of a public page is
    answered here with 304, or with the response stored when the page was last made (the
    same bytes and headers), before Flask opens a session, runs the request hooks or the
    view. Anything else (a request with a session cookie, a page not stored, an address
    that is not a public page) passes through untouched.

    Only addresses this worker has seen answered as public pages are looked at, so other
    requests (static files, /healthz, the areas) pay one dict lookup."""

    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
        self.known_paths: dict[str, bool] = {}

    def __call__(self, environ, start_response):
        if (environ.get("REQUEST_METHOD") not in CACHEABLE_METHODS
                or environ.get("PATH_INFO") not in self.known_paths
                or not _anonymous_environ(self.app, environ)):
            return self.wsgi_app(environ, start_response)
        session = self.app.session_interface.make_null_session(self.app)
        with RequestContext(self.app, environ, session=session):
            answer = _stored_answer()
        if answer is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def remember(self, path: str) -> None:
        if len(self.known_paths) >= KNOWN_PATHS_LIMIT:
            self.known_paths.clear()
        self.known_paths[path] = True


def _anonymous_environ(app: Flask, environ) -> bool:
    """anonymous_request() for a request Flask has not parsed yet."""
    cookie = environ.get("HTTP_COOKIE")
    if not cookie:
        return True
    names = {part.split("=", 1)[0].strip() for part in cookie.split(";")}
    return (app.config["SESSION_COOKIE_NAME"] not in names
            and app.config.get("REMEMBER_COOKIE_NAME", "remember_token") not in names)


def _stored_answer():
    """(status, headers, body) for a visitor's request PageStore can answer, or None."""
    rule = _rule()
    if rule is None or rule["on_hit"]:
        return None
    validators = Validators(rule)
    if validators.matches():
        headers = [*validators.headers(), ("Vary", ", ".join(validators.vary())),
                   ("X-Page-Cache", "not-modified")]
        return "304 NOT MODIFIED", headers, b""
    if not current_app.config["PAGE_CACHE_ENABLED"]:
        return None
    stored = cache.get("page:" + validators.key)
    if stored is None:
        return None
    status, kept, body = stored
    headers = [*kept, *validators.headers()[:2], ("Content-Length", str(len(body))),
               ("X-Page-Cache", "hit")]
    return status, headers, body


def finish_public_page(response):
    """after_request: validators and Cache-Control on a visitor's page, which is stored
    when the cache is on; `private, no-store` on the same page made for someone."""
    state = g.pop("page_cache_state", None)
    if state is None:
        return response
    response.headers["X-Page-Cache"] = state
    if state == "bypass":
        # (A signed-in user's page has "no-store" from the security headers already.)
        response.headers.setdefault("Cache-Control", "private, no-store")
        response.vary.add("Cookie")
        return response
    validators = g.pop("page_validators", None)
    store = current_app.extensions["page_store"]
    if state == "not-modified":
        store.remember(request.path)
        return response
    if (validators is None or response.status_code not in (200, 301)
            or response.direct_passthrough or "Set-Cookie" in response.headers):
        response.headers["Cache-Control"] = "no-cache"
        return response
    validators.apply(response)
    store.remember(request.path)
    if state == "miss":
        kept = [(name, value) for name, value in response.headers.items()
                if name.lower() not in PER_REQUEST_HEADERS]
        cache.set("page:" + validators.key, (response.status, kept, response.get_data()),
                  timeout=min(current_app.config["PAGE_CACHE_TIMEOUT"],
                              validators.seconds_left))
    return response


def register_page_cache(app: Flask) -> None:
    app.extensions["page_release"] = release_digest(Path(app.root_path).parent)
    # First of all hooks: a visitor's cached page or 304 needs nothing the others do (they
    # look at the signed-in user, forms and posts, and an anonymous GET has none).
    app.before_request_funcs.setdefault(None, []).insert(0, serve_public_page)
    # Last of all after_request hooks (Flask runs them in reverse): a stored page keeps
    # every header the others set.
    app.after_request_funcs.setdefault(None, []).insert(0, finish_public_page)
    store = app.extensions["page_store"] = PageStore(app, app.wsgi_app)
    app.wsgi_app = store
