"""Configuration: defaults here, then instance/config.py, then PORTAL_* variables, then tests."""

from __future__ import annotations

import os
from datetime import timedelta

DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production"


class Config:
    # "development", "testing" or "production"; anything but development and testing
    # gets the production checks in check_production().
    ENV = "production"
    SECRET_KEY = DEV_SECRET_KEY
    DATABASE_URL: str | None = None  # default: SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_RECORD_QUERIES = False

    BASE_URL = "http://127.0.0.1:5000"  # canonical address used in links sent by mail
    TRUSTED_HOSTS: list[str] | None = ["127.0.0.1", "localhost"]

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

    STORAGE_PATH: str | None = None  # uploaded files; default: instance/files
    UPLOAD_MAX_BYTES = 15 * 1024 * 1024  # one file; a whole request is MAX_CONTENT_LENGTH

    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024  # one text field (an article body: 200,000 characters)

    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"

    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_LIMIT_PER_ADDRESS = "30 per 10 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    # Denied access and throttled log-ins recorded in the audit log (the rest: log only).
    SECURITY_EVENT_LIMIT_PER_ADDRESS = "20 per minute"
    SECURITY_EVENT_LIMIT = "600 per minute"

    # Public page cache (portal/pagecache.py). In-process by default; set CACHE_REDIS_URL
    # (PORTAL_CACHE_REDIS_URL) to share it between workers and hosts.
    PAGE_CACHE_ENABLED = True
    PAGE_CACHE_TIMEOUT = 300
    # HTTP caching of visitors' pages (seconds; none reaches past midnight in Beijing or the
    # next scheduled article): browsers, shared caches, and the nginx in front, which asks
    # the portal again after PAGE_PROXY_MAX_AGE with the page's ETag (a cheap 304).
    PAGE_MAX_AGE = 10
    PAGE_SHARED_MAX_AGE = 60
    PAGE_STALE_WHILE_REVALIDATE = 60
    PAGE_PROXY_MAX_AGE = 1
    PAGE_CACHE_GENERATION_FILE: str | None = None  # default: instance/page-cache-generation
    CACHE_TYPE = "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = 300
    CACHE_THRESHOLD = 2000
    CACHE_KEY_PREFIX = "portal:"
    CACHE_REDIS_URL: str | None = None

    PROXY_FIX_HOPS = 0  # set to 1 behind exactly one reverse proxy

    HSTS = True

    # Mail: rows in the outbox, delivered by `flask --app portal mail send` (README, "Mail").
    MAIL_BACKEND = "smtp"  # "smtp"; "folder" writes .eml files; "memory" keeps them (tests)
    MAIL_HOST = "localhost"
    MAIL_PORT = 25
    MAIL_SECURITY = "none"  # "none", "starttls" or "ssl"
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_TIMEOUT = 10  # seconds per SMTP operation
    MAIL_SENDER_ADDRESS = "noreply@localhost"
    MAIL_SENDER_NAME = ""  # empty: the site name in the recipient's language
    MAIL_FOLDER: str | None = None  # folder backend; default instance/mail
    MAIL_BATCH_SIZE = 50  # mails delivered per round of the sender, at most
    MAILING_BATCH_SIZE = 200  # mails of mailings (a notice to its audience) queued per round
    MAIL_MAX_ATTEMPTS = 8  # then the message is marked failed
    MAIL_RETRY_DELAY = 60  # seconds before the first retry, doubling after each failure
    MAIL_RETRY_MAX_DELAY = 3600
    MAIL_CLAIM_TIMEOUT = 900  # a row left "sending" this long (its sender died) is queued again
    MAIL_BACKGROUND_SENDER = False  # a thread of the dev server delivers mail (development)
    MAIL_BACKGROUND_INTERVAL = 2

    PASSWORD_RESET_MAX_AGE = 3600  # seconds a reset link works
    INVITATION_MAX_AGE = 7 * 24 * 3600
    RESET_LIMIT_PER_ADDRESS = "10 per hour"
    RESET_LIMIT_PER_ACCOUNT = "3 per hour"

    # Backups (portal/operations/): the folder `backup` writes to without --to (default
    # instance/backups); the folder of pg_dump and pg_restore when not Debian's for the
    # server's version (/usr/lib/postgresql/<major>/bin) nor the PATH's.
    BACKUP_DIR: str | None = None
    PG_BIN_DIR: str | None = None

    # Enquiries (portal/enquiries/, portal/workdays/). Working hours of a working day, in the
    # site's time zone: deadlines end at WORKDAY_END, first-response times count these hours.
    WORKDAY_START = "09:00"
    WORKDAY_END = "17:00"
    CONTACT_LIMIT_PER_ADDRESS = "5 per hour"  # visitors' contact-form messages
    GUEST_LINK_MAX_AGE = 90 * 24 * 3600  # seconds a visitor's link to their enquiry works


class DevelopmentConfig(Config):
    ENV = "development"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    HSTS = False
    MAIL_BACKEND = "folder"
    MAIL_BACKGROUND_SENDER = True


class TestConfig(Config):
    ENV = "testing"
    TESTING = True
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    PAGE_CACHE_ENABLED = False  # tests that are about the cache turn it on
    HSTS = False
    SERVER_NAME = None
    MAIL_BACKEND = "memory"


CONFIGS = {"development": DevelopmentConfig, "testing": TestConfig, "production": Config}


def config_class() -> type[Config]:
    """The class named by PORTAL_ENV (production when unset or unknown)."""
    return CONFIGS.get(os.environ.get("PORTAL_ENV", "production"), Config)


def production_problems(config) -> list[str]:
    """What production refuses to run with ([] in development and testing)."""
    if config["ENV"] in ("development", "testing") or config.get("TESTING"):
        return []
    problems = []
    if config["SECRET_KEY"] == DEV_SECRET_KEY or len(str(config["SECRET_KEY"])) < 24:
        problems.append("SECRET_KEY is the development key or shorter than 24 characters")
    if config.get("DEBUG"):
        problems.append("DEBUG is on")
    if not (config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]):
        problems.append("cookies are not marked Secure")
    if not config["BASE_URL"].startswith("https://"):
        problems.append("BASE_URL is not an https:// address")
    return problems


def check_production(config) -> None:
    """Refuse to run production with development settings; raises RuntimeError."""
    problems = production_problems(config)
    if problems:
        raise RuntimeError(
            "Refusing to start in production: " + "; ".join(problems)
            + ". Set PORTAL_SECRET_KEY etc., or PORTAL_ENV=development for local work."
        )
