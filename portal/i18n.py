"""Languages: which one a request gets, the addresses of the two languages, and names given in
both. Dates and times are portal/dates.py.

Public pages carry their language in the address: Chinese at the plain address, English
under /en/ (language_route() registers both rules of a view; the rules' `lang` default
names the language, and url_for() fills in the current one). Other pages (the member and
staff areas, signing in) follow the user's saved language, then the `lang` cookie, then
the browser. Only the home page at / looks at the browser to send an English reader to
/en/ (root_language()).
"""

from __future__ import annotations

from babel import Locale
from flask import current_app, g, has_request_context, request
from flask_babel import (
    get_locale,
    get_translations,
)
from flask_login import current_user
from jinja2 import pass_eval_context
from markupsafe import Markup

LANGUAGES = {"zh_CN": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_COOKIE = "lang"
URL_PREFIXES = {"zh_CN": "", "en": "/en"}  # a public page's address in each language
HTML_LANGS = {"zh_CN": "zh-CN", "en": "en"}


def normalise_language(code: str | None) -> str | None:
    """Map a code from a cookie, form or header onto one of LANGUAGES, or None."""
    if not code:
        return None
    code = code.replace("-", "_")
    if code in LANGUAGES:
        return code
    if code.lower().startswith("zh"):
        return "zh_CN"
    if code.lower().startswith("en"):
        return "en"
    return None


def address_language() -> str | None:
    """The language a public page's address names (its rule's `lang` default; under /en/
    for an address no rule matched, such as a missing page), or None for other pages."""
    rule = request.url_rule
    if rule is not None:
        return (rule.defaults or {}).get("lang")
    path = request.path
    return "en" if path == "/en" or path.startswith("/en/") else None


def select_locale() -> str:
    """The address's language on public pages; elsewhere the user's saved language, then
    the cookie, then Accept-Language (zh means zh_CN), then zh_CN."""
    if not has_request_context():
        return "en"  # commands speak English, like their --help; mail uses force_locale
    addressed = address_language()
    if addressed:
        return addressed
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = normalise_language(request.cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    best = request.accept_languages.best_match(["zh_CN", "zh", "en"])
    return normalise_language(best) or DEFAULT_LANGUAGE


def root_language() -> str:
    """Which home page / gives: the signed-in user's language, else the `lang` cookie, else
    English when the browser's first language is English, else Chinese.

    The first language of Accept-Language rather than the best by quality: browsers list
    them in order of preference, and deploy/nginx/portal.conf keeps one copy of / per
    answer with a regular expression that can only read the start of the header.
    """
    cookies = request.cookies
    if (current_app.config["SESSION_COOKIE_NAME"] in cookies or "remember_token" in cookies) \
            and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = normalise_language(cookies.get(LANGUAGE_COOKIE))
    if chosen:
        return chosen
    first = request.headers.get("Accept-Language", "").lstrip()[:2].lower()
    return "en" if first == "en" else DEFAULT_LANGUAGE


# Addresses ---------------------------------------------------------------------------------------

def language_route(bp, rule: str, **options):
    """Route a public view at `rule` (Chinese) and at /en + rule (English). The view does
    not see the language: it is taken from its arguments before it runs."""

    def register(view):
        for language, prefix in URL_PREFIXES.items():
            bp.add_url_rule(prefix + rule, view_func=view, defaults={"lang": language},
                            **options)
        return view

    return register


def language_endpoints(app=None) -> frozenset[str]:
    """The endpoints whose addresses carry a language (worked out once per app)."""
    app = app or current_app
    endpoints = app.extensions.get("language_endpoints")
    if endpoints is None:
        endpoints = app.extensions["language_endpoints"] = frozenset(
            rule.endpoint for rule in app.url_map.iter_rules()
            if rule.defaults and "lang" in rule.defaults)
    return endpoints


def localized_path(path: str, language: str) -> str:
    """A public page's plain (Chinese) address as it reads in `language`."""
    return URL_PREFIXES[language] + path


def _drop_language(endpoint, values) -> None:
    if values is not None:
        values.pop("lang", None)


def _add_language(endpoint, values) -> None:
    if "lang" not in values and endpoint in language_endpoints():
        values["lang"] = current_language()


def twin_url(language: str) -> str | None:
    """This public page's address in `language` (with its query), or None on other pages."""
    if request.endpoint not in language_endpoints() or request.view_args is None:
        return None
    from flask import url_for

    path = url_for(request.endpoint, **request.view_args, lang=language)
    query = request.query_string.decode("latin-1")
    return f"{path}?{query}" if query else path


# Parsed once: Locale.parse("zh_CN") resolves likely subtags (zh_Hans_CN) each time it runs.
BABEL_LOCALES = {code: Locale.parse(code) for code in LANGUAGES}


def select_babel_locale() -> Locale:
    """Flask-Babel's locale selector: select_locale() as a ready Locale object."""
    return BABEL_LOCALES[select_locale()]


def _current_locale() -> Locale | None:
    """get_locale(), read first where Flask-Babel keeps it for the context (set by its
    get_locale() and by force_locale()): templates ask for it some thirty times a page."""
    try:
        locale = g._flask_babel.babel_locale
    except (AttributeError, RuntimeError):
        locale = None
    return locale if locale is not None else get_locale()


def html_lang() -> str:
    """The value of <html lang> for the current locale."""
    return "zh-CN" if str(_current_locale()) in ("zh_Hans_CN", "zh_CN") else "en"


def current_language() -> str:
    return "zh_CN" if html_lang() == "zh-CN" else "en"


class BilingualName:
    """A record (or a row read for a list) named in Chinese, `name_zh`, and optionally in
    English, `name_en`: categories, departments, enterprises."""

    def display_name(self, language: str) -> str:
        """The English name for an English reader when there is one, else the Chinese."""
        return self.name_en if language == "en" and self.name_en else self.name_zh


def before_full_stop(name) -> str:
    """A name that ends a sentence, less its own full stop: "Qinghe Co., Ltd." then "." would
    show two ("Co., Ltd.."). Pass every name a message puts right before its final stop (in
    either language: the Chinese 。 after "Ltd." reads as doubled too)."""
    text = str(name or "")
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _catalog():
    """The current locale's translations: Flask-Babel's, looked up once per app and locale
    (its own lookup, made for each string, costs several request-context look-ups)."""
    locale = _current_locale()
    catalogs = current_app.extensions.setdefault("portal_catalogs", {})
    catalog = catalogs.get(locale)
    if catalog is None:
        catalog = catalogs[locale] = get_translations()
    return catalog


def translate(string: str, **variables) -> str:
    """gettext() for code that runs for every item of a list (notice_entries,
    material_entries): the same answer as Flask-Babel's, from the catalogue looked up once
    per locale. Imported as _ so that the string is extracted."""
    text = _catalog().ugettext(string)
    return text % variables if variables else text


def translate_plural(singular: str, plural: str, num: int, **variables) -> str:
    """ngettext() as translate() is gettext(); imported as ngettext."""
    variables.setdefault("num", num)
    return _catalog().ungettext(singular, plural, num) % variables


@pass_eval_context
def template_gettext(eval_ctx, string: str, **variables) -> str:
    """_() and gettext() in templates: as Jinja's "newstyle" gettext (escaped, and always a
    format string), at a quarter of its cost (a page calls it 10-30 times)."""
    text = _catalog().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables or "%" in text else text


@pass_eval_context
def template_ngettext(eval_ctx, singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    text = _catalog().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def page_addresses() -> dict | None:
    """A public page's canonical address and its alternates in both languages (absolute,
    on BASE_URL), or None for other pages."""
    base = current_app.config["BASE_URL"].rstrip("/")
    twins = {language: twin_url(language) for language in LANGUAGES}
    if None in twins.values():
        return None
    alternates = [(HTML_LANGS[language], base + path) for language, path in twins.items()]
    alternates.append(("x-default", base + twins[DEFAULT_LANGUAGE]))
    return {"canonical": base + twins[current_language()], "alternates": alternates}


def register_language_urls(app) -> None:
    app.url_value_preprocessor(_drop_language)
    app.url_defaults(_add_language)


def register_i18n_helpers(app) -> None:
    app.jinja_env.globals.update(
        twin_url=twin_url, HTML_LANGS=HTML_LANGS, page_addresses=page_addresses,
        localized_path=localized_path,
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext,
        LANGUAGES=LANGUAGES,
        html_lang=html_lang,
        current_language=current_language,
    )
    app.jinja_env.filters["before_full_stop"] = before_full_stop
