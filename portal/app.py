"""create_app(): the portal assembled from named steps, and the list of its features."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent

# The feature packages, in the order their demo content loads (later ones use earlier ones').
# Each declares what it contributes in its feature.toml (read by portal/features.py).
FEATURES = (
    "audit", "settings", "mail", "files", "search", "accounts", "departments", "enterprises",
    "users", "profile", "news", "about", "operations", "notices", "materials", "workdays",
    "enquiries",
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    register_config(app, test_config)
    register_input_rules(app)
    register_models()
    register_extensions(app)
    register_feature_declarations(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def register_config(app: Flask, test_config: dict | None) -> None:
    from portal.config import check_production, config_class

    app.config.from_object(config_class() if test_config is None else "portal.config.TestConfig")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if test_config:
        app.config.update(test_config)
    app.config["SECRET_KEY"] = str(app.config["SECRET_KEY"])  # a numeric one parses as an int
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        default = f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
        app.config["SQLALCHEMY_DATABASE_URI"] = app.config.get("DATABASE_URL") or default
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    check_production(app.config)


def register_input_rules(app: Flask) -> None:
    from portal.converters import register_converters

    register_converters(app)


def _feature_modules(module: str) -> list[str]:
    """portal.<feature>.<module> for each feature that has such a module."""
    names = (f"portal.{feature}.{module}" for feature in FEATURES)
    return [name for name in names if find_spec(name) is not None]


def register_models() -> None:
    """Import every feature's models so the metadata (and so Alembic) knows all tables."""
    from importlib import import_module

    for name in _feature_modules("models"):
        import_module(name)


def register_extensions(app: Flask) -> None:
    from werkzeug.middleware.proxy_fix import ProxyFix

    from portal import reading
    from portal.accounts.loader import register_login
    from portal.extensions import babel, cache, csrf, db, migrate
    from portal.i18n import select_babel_locale
    from portal.resend import register_form_resend
    from portal.throttle import register_throttle

    db.init_app(app)
    reading.register_read_only_commit(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    babel.init_app(app, locale_selector=select_babel_locale)
    csrf.init_app(app)
    register_form_resend(app)
    if app.config.get("CACHE_REDIS_URL") and app.config["CACHE_TYPE"] == "SimpleCache":
        app.config["CACHE_TYPE"] = "RedisCache"
    cache.init_app(app)
    register_throttle(app)
    register_login(app)
    hops = app.config["PROXY_FIX_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_feature_declarations(app: Flask) -> None:
    from portal.features import register_features

    register_features(app, FEATURES)


def register_blueprints(app: Flask) -> None:
    """The public pages of the features (their views.py), then the three areas, which nest
    the features' member and staff screens themselves."""
    from importlib import import_module

    from portal.members import bp as members_bp
    from portal.pages import bp as pages_bp
    from portal.staff import bp as staff_bp

    for name in _feature_modules("views"):
        app.register_blueprint(import_module(name).bp)
    for bp in (pages_bp, members_bp, staff_bp):
        app.register_blueprint(bp)


def register_request_hooks(app: Flask) -> None:
    from portal.errors import register_error_handlers
    from portal.i18n import register_language_urls
    from portal.mail.worker import register_background_sender
    from portal.pagecache import register_page_cache
    from portal.security import register_security_headers

    register_language_urls(app)
    register_security_headers(app)
    register_error_handlers(app)
    register_background_sender(app)
    register_page_cache(app)


def register_template_helpers(app: Flask) -> None:
    from portal.accounts.models import ROLES
    from portal.chrome import register_chrome
    from portal.dates import register_date_helpers
    from portal.i18n import register_i18n_helpers
    from portal.pages.navigation import current_entry, main_navigation
    from portal.security import link_args
    from portal.settings.services import get_site_settings

    register_i18n_helpers(app)
    register_date_helpers(app)
    register_chrome(app, navigation_position=current_entry)
    app.jinja_env.globals.update(
        site_settings=get_site_settings, main_navigation=main_navigation,
        role_label=lambda role: str(ROLES[role]),
    )
    app.jinja_env.filters["link_args"] = link_args


def register_commands(app: Flask) -> None:
    from portal.cli import register_cli

    register_cli(app)
