"""Delivering a rendered message: SMTP, a folder of .eml files (development), memory (tests)."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from pathlib import Path

from flask import current_app

from portal.mail.models import OutboxMessage
from portal.settings.services import get_site_settings


class BackendUnavailable(Exception):
    """The mail server could not be reached: stop the batch, retry later."""


def build_email(message: OutboxMessage, config) -> EmailMessage:
    """The MIME message (text and HTML alternatives); headers are RFC 2047-encoded as needed."""
    sender_address = config["MAIL_SENDER_ADDRESS"]
    sender_name = config["MAIL_SENDER_NAME"] or get_site_settings().site_name(message.language)
    domain = sender_address.rpartition("@")[2] or "localhost"
    email = EmailMessage(policy=SMTP_POLICY)
    email["Subject"] = message.subject
    email["From"] = Address(display_name=sender_name, addr_spec=sender_address)
    email["To"] = message.recipient
    email["Date"] = format_datetime(message.created_at)
    # The same id on every attempt, so a receiving server can drop a duplicate after a crash.
    email["Message-ID"] = f"<outbox-{message.id}.{int(message.created_at.timestamp())}@{domain}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


def connect_smtp(config, timeout: float | None = None) -> smtplib.SMTP:
    """A connection to the mail server of the PORTAL_MAIL_* settings: TLS from the start
    (MAIL_SECURITY "ssl"), upgraded with STARTTLS ("starttls") or plain, and signed in when
    MAIL_USERNAME is set; `timeout` defaults to MAIL_TIMEOUT. For the sender and the doctor.
    Raises OSError or smtplib.SMTPException, the connection closed again."""
    security = str(config["MAIL_SECURITY"]).lower()
    host, port = config["MAIL_HOST"], int(config["MAIL_PORT"])
    timeout = float(config["MAIL_TIMEOUT"]) if timeout is None else timeout
    if security == "ssl":
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                      context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    try:
        connection.ehlo()
        if security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            # Values from PORTAL_* are parsed as JSON: a numeric password arrives as an int.
            connection.login(str(config["MAIL_USERNAME"]), str(config["MAIL_PASSWORD"]))
    except BaseException:
        connection.close()
        raise
    return connection


class SMTPBackend:
    """One connection per batch, opened at the first message (PORTAL_MAIL_* settings)."""

    def __init__(self, config):
        self.config = config
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        try:
            return connect_smtp(self.config)
        except (OSError, smtplib.SMTPException) as error:
            raise BackendUnavailable(f"{type(error).__name__}: {error}") from error

    def send(self, email: EmailMessage) -> None:
        if self.connection is None:
            self.connection = self._connect()
        try:
            self.connection.send_message(email)
        except (smtplib.SMTPServerDisconnected, OSError):
            self.connection = None  # reconnect for the next message
            raise

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.quit()
            self.connection = None


class FolderBackend:
    """Writes each message to <instance>/mail/<time>-<id>.eml, for reading in development."""

    def __init__(self, config):
        self.folder = Path(config["MAIL_FOLDER"] or Path(current_app.instance_path) / "mail")

    def send(self, email: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        number = email["Message-ID"].strip("<>").split("@")[0]
        stamp = email["Date"].datetime.strftime("%Y%m%d-%H%M%S")
        path = self.folder / f"{stamp}-{number}.eml"
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(email.as_bytes())
        temporary.replace(path)

    def close(self) -> None:
        pass


class MemoryBackend:
    """Keeps messages in app.extensions["mail.sent"] (tests)."""

    def __init__(self, config):
        self.sent = current_app.extensions.setdefault("mail.sent", [])

    def send(self, email: EmailMessage) -> None:
        self.sent.append(email)

    def close(self) -> None:
        pass


BACKENDS = {"smtp": SMTPBackend, "folder": FolderBackend, "memory": MemoryBackend}


def open_backend():
    """The backend named by MAIL_BACKEND; call close() when the batch is done."""
    name = current_app.config["MAIL_BACKEND"]
    if name not in BACKENDS:
        raise RuntimeError(f"MAIL_BACKEND must be one of {sorted(BACKENDS)}, not {name!r}")
    return BACKENDS[name](current_app.config)
