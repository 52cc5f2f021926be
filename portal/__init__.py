"""The member-services portal: create_app() assembles it from named steps."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


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


MODEL_MODULES = (
    "portal.accounts.models",
    "portal.enterprises.models",
    "portal.settings.models",
    "portal.audit.models",
    "portal.mail.models",
    "portal.files.models",
    "portal.news.models",
    "portal.search.models",
)


def register_models() -> None:
    """Import every model so the metadata (and so Alembic) knows all tables."""
    from importlib import import_module

    for name in MODEL_MODULES:
        import_module(name)


def register_extensions(app: Flask) -> None:
    from werkzeug.middleware.proxy_fix import ProxyFix

    from portal import database  # noqa: F401  (engine hooks)
    from portal.accounts.loader import register_login
    from portal.extensions import babel, cache, csrf, db, limiter, migrate
    from portal.i18n import select_babel_locale
    from portal.resend import register_form_resend

    db.init_app(app)
    database.register_read_only_commit(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    babel.init_app(app, locale_selector=select_babel_locale)
    csrf.init_app(app)
    register_form_resend(app)
    if app.config.get("CACHE_REDIS_URL") and app.config["CACHE_TYPE"] == "SimpleCache":
        app.config["CACHE_TYPE"] = "RedisCache"
    cache.init_app(app)
    limiter.init_app(app)
    register_login(app)
    hops = app.config["PROXY_FIX_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_blueprints(app: Flask) -> None:
    from portal.accounts.views import bp as accounts_bp
    from portal.files.views import bp as files_bp
    from portal.members import bp as members_bp
    from portal.news.views import bp as news_bp
    from portal.pages.views import bp as pages_bp
    from portal.search.views import bp as search_bp
    from portal.staff import bp as staff_bp

    for bp in (pages_bp, accounts_bp, files_bp, news_bp, members_bp, staff_bp, search_bp):
        app.register_blueprint(bp)


def register_request_hooks(app: Flask) -> None:
    from portal.audit.security_events import register_security_events
    from portal.errors import register_error_handlers
    from portal.mail.worker import register_background_sender
    from portal.pagecache import register_page_cache
    from portal.security import register_security_headers

    register_security_headers(app)
    register_error_handlers(app)
    register_security_events(app)
    register_background_sender(app)
    register_page_cache(app)


def register_template_helpers(app: Flask) -> None:
    from portal.accounts.models import ROLES
    from portal.i18n import register_i18n_helpers
    from portal.pages.chrome import register_chrome
    from portal.pages.navigation import main_navigation
    from portal.pages.views import font_size
    from portal.settings.services import get_site_settings

    register_i18n_helpers(app)
    register_chrome(app)
    app.jinja_env.globals.update(
        site_settings=get_site_settings, font_size=font_size, main_navigation=main_navigation,
        role_label=lambda role: str(ROLES[role]),
    )


def register_commands(app: Flask) -> None:
    from portal.cli import register_cli

    register_cli(app)
