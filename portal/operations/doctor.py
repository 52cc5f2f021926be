"""`flask --app portal doctor`: is this installation in order? Each check says so in plain
words: configuration, database, migrations, file store, mail server, Redis, translations.

A problem stops the portal doing its work (the command then exits non-zero); a warning is
worth a look; "skipped" means there was nothing to check. Network checks give up after a
few seconds. The only thing written is a probe file in the file store's tmp/ folder.
"""

from __future__ import annotations

import shutil
import smtplib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import text

from portal.extensions import db
from portal.files.services import storage_root
from portal.mail.services import connect_smtp

OK, WARNING, PROBLEM, SKIPPED = "ok", "warning", "problem", "skipped"
NETWORK_TIMEOUT = 5.0  # seconds
LOW_DISK = 1024**3


@dataclass
class Finding:
    subject: str
    status: str
    message: str


def run_checks() -> list[Finding]:
    """Every check's finding; a check that fails unexpectedly is a problem, with its error."""
    findings = []
    for subject, check in CHECKS:
        try:
            status, message = check()
        except Exception as error:  # the doctor reports, it does not crash
            status, message = PROBLEM, f"the check failed: {type(error).__name__}: {error}"
        findings.append(Finding(subject, status, message))
    return findings


def check_configuration():
    from portal.config import production_problems

    config = current_app.config
    problems = production_problems(config)
    if problems:
        return PROBLEM, "production refuses to run: " + "; ".join(problems)
    host = urlsplit(config["BASE_URL"]).hostname
    trusted = config.get("TRUSTED_HOSTS")
    if trusted and host not in trusted:
        return PROBLEM, (f"BASE_URL's host {host} is not in TRUSTED_HOSTS {trusted}: links in "
                         "mails would be refused; add it to PORTAL_TRUSTED_HOSTS")
    if config["ENV"] != "production":
        return WARNING, (f"running as {config['ENV']} (PORTAL_ENV): fine on a workstation, "
                         "not for the public site")
    if config["MAIL_SENDER_ADDRESS"].endswith("@localhost"):
        return WARNING, ("mail is sent from " + config["MAIL_SENDER_ADDRESS"]
                         + ": set PORTAL_MAIL_SENDER_ADDRESS to a real address")
    return OK, f"production settings are in order (BASE_URL {config['BASE_URL']})"


def check_database():
    url = db.engine.url.render_as_string(hide_password=True)
    database = db.engine.url.database
    if db.engine.dialect.name == "sqlite" and database and not Path(database).exists():
        return PROBLEM, (f"the SQLite database {database} does not exist: run "
                         "`flask --app portal db upgrade` (or check PORTAL_DATABASE_URL)")
    try:
        with db.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                version = "PostgreSQL " + conn.execute(text("SHOW server_version")).scalar()
            else:
                version = "SQLite " + conn.exec_driver_sql("SELECT sqlite_version()").scalar()
    except Exception as error:
        first_line = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return PROBLEM, f"cannot connect to {url}: {first_line}"
    return OK, f"{version} at {url} answers"


def check_migrations():
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    heads = set(script.get_heads())
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
    except Exception:
        return SKIPPED, "the database cannot be reached (see above)"
    known = {revision.revision for revision in script.walk_revisions()}
    upgrade = "run `flask --app portal db upgrade`"
    if not current:
        return PROBLEM, f"the database has no tables yet: {upgrade}"
    if current - known:
        return PROBLEM, (f"the database is at migration {', '.join(sorted(current))}, which this "
                         "code does not know: the code is older than the database")
    if current != heads:
        return PROBLEM, (f"the database is at migration {', '.join(sorted(current))} but this "
                         f"version needs {', '.join(sorted(heads))}: {upgrade}")
    return OK, f"the schema is up to date (migration {', '.join(sorted(heads))})"


def check_file_store():
    root = storage_root()
    try:
        probe_dir = root / "tmp"
        probe_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=probe_dir, prefix="doctor-") as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as error:
        return PROBLEM, f"cannot write to {root}: {error.strerror or error}; uploads will fail"
    free = shutil.disk_usage(root).free
    gigabytes = f"{free / 1024**3:.1f} GB free"
    if free < LOW_DISK:
        return WARNING, f"{root} is writable but only {gigabytes}"
    return OK, f"{root} is writable; {gigabytes}"


def check_mail():
    config = current_app.config
    backend = config["MAIL_BACKEND"]
    if backend == "folder":
        folder = config["MAIL_FOLDER"] or Path(current_app.instance_path) / "mail"
        status = WARNING if config["ENV"] == "production" else OK
        return status, f"mail is written as .eml files to {folder}, not sent (folder backend)"
    if backend == "memory":
        return SKIPPED, "mail is kept in memory (the tests' backend), not sent"
    if backend != "smtp":
        return PROBLEM, f"MAIL_BACKEND is {backend!r}: it must be smtp, folder or memory"
    host, port = config["MAIL_HOST"], int(config["MAIL_PORT"])
    security = str(config["MAIL_SECURITY"]).lower()
    where = f"the mail server {host}:{port}"
    timeout = min(float(config["MAIL_TIMEOUT"]), NETWORK_TIMEOUT)
    try:
        with connect_smtp(config, timeout=timeout):
            pass  # connected, and signed in when a user name is set
    except smtplib.SMTPAuthenticationError:
        return PROBLEM, f"{where} refuses the user name and password (PORTAL_MAIL_USERNAME)"
    except (OSError, smtplib.SMTPException) as error:
        return PROBLEM, (f"cannot reach {where} ({type(error).__name__}: {error}); mail waits "
                         "in the outbox until it can")
    done = [security.upper()] if security != "none" else []
    done += ["log-in accepted"] if config["MAIL_USERNAME"] else []
    return OK, f"{where} answers" + (f" ({', '.join(done)})" if done else "")


def check_redis():
    config = current_app.config
    uses = {}
    limits = str(config.get("RATELIMIT_STORAGE_URI") or "")
    if limits.startswith(("redis://", "rediss://", "unix://")):
        uses.setdefault(limits, []).append("log-in throttling")
    if config.get("CACHE_REDIS_URL"):
        uses.setdefault(config["CACHE_REDIS_URL"], []).append("page cache")
    if not uses:
        status = WARNING if config["ENV"] == "production" else SKIPPED
        return status, ("not configured: each worker keeps its own log-in counters and page "
                        "cache (fine for one worker; use Redis for several)")
    import redis

    answered = []
    for url, purposes in uses.items():
        parts = urlsplit(url)
        shown = f"{parts.hostname or parts.path}:{parts.port or 6379}{parts.path}"
        try:
            redis.Redis.from_url(url, socket_connect_timeout=NETWORK_TIMEOUT,
                                 socket_timeout=NETWORK_TIMEOUT).ping()
        except redis.RedisError as error:
            return PROBLEM, f"cannot reach Redis at {shown} ({', '.join(purposes)}): {error}"
        answered.append(f"{shown} ({', '.join(purposes)})")
    return OK, "Redis answers at " + "; ".join(answered)


def check_translations():
    folder = current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0]
    catalog = Path(folder) / "zh_Hans_CN" / "LC_MESSAGES"
    po, mo = catalog / "messages.po", catalog / "messages.mo"
    compile_it = "run `pybabel compile -d translations`"
    if not mo.exists():
        return PROBLEM, f"the Chinese catalog is not compiled (pages show English): {compile_it}"
    if po.exists() and po.stat().st_mtime > mo.stat().st_mtime:
        return WARNING, f"the Chinese catalog changed after it was compiled: {compile_it}"
    return OK, "the Chinese catalog is compiled"


CHECKS = [
    ("configuration", check_configuration),
    ("database", check_database),
    ("migrations", check_migrations),
    ("file store", check_file_store),
    ("mail", check_mail),
    ("redis", check_redis),
    ("translations", check_translations),
]
