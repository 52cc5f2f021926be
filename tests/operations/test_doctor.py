"""`flask --app portal doctor`: plain findings, and exit status 1 when something is wrong."""

from __future__ import annotations

import socket
import socketserver
import threading

import pytest
from sqlalchemy import text

from portal.extensions import db
from tests.conftest import head_revision
from tests.mail.conftest import Collector, free_port

HEAD = head_revision()


def doctor(app):
    return app.test_cli_runner().invoke(args=["doctor"])


def test_a_healthy_test_installation(app):
    result = doctor(app)
    assert result.exit_code == 0, result.output
    assert "  ok       database       " in result.output
    assert f"the schema is up to date (migration {HEAD})" in result.output
    assert "is writable;" in result.output and "GB free" in result.output
    assert "mail is kept in memory" in result.output
    assert "redis          not configured" in result.output
    assert "No problems;" in result.output  # (warnings: running as testing, and maybe a stale .mo)


def test_migrations_behind_are_a_problem(app):
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f001'"))
    try:
        result = doctor(app)
    finally:
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": HEAD})
    assert result.exit_code == 1
    assert (f"the database is at migration f001 but this version needs {HEAD}: run "
            "`flask --app portal db upgrade`") in result.output
    assert "1 problem(s)" in result.output


def test_a_file_store_that_cannot_be_written(app, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app.config["STORAGE_PATH"] = str(blocker / "files")
    result = doctor(app)
    assert result.exit_code == 1
    assert f"cannot write to {blocker / 'files'}" in result.output


def test_configuration_problems(app):
    app.config["BASE_URL"] = "https://portal.example.org"
    assert "is not in TRUSTED_HOSTS" in doctor(app).output
    app.config.update(TESTING=False, ENV="production", BASE_URL="http://127.0.0.1")
    result = doctor(app)
    assert result.exit_code == 1
    assert ("production refuses to run: SECRET_KEY is the development key or shorter than "
            "24 characters; cookies are not marked Secure; BASE_URL is not an https:// "
            "address") in result.output
    app.config["TESTING"] = True


@pytest.fixture
def smtp_port():
    from aiosmtpd.controller import Controller

    port = free_port()
    controller = Controller(Collector(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def test_the_mail_server(app, smtp_port):
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=smtp_port)
    result = doctor(app)
    assert result.exit_code == 0, result.output
    assert f"ok       mail           the mail server 127.0.0.1:{smtp_port} answers" in result.output
    app.config["MAIL_PORT"] = free_port()
    result = doctor(app)
    assert result.exit_code == 1
    assert "cannot reach the mail server 127.0.0.1:" in result.output
    assert "mail waits in the outbox" in result.output


class FakeRedis(socketserver.StreamRequestHandler):
    """Just enough of Redis's protocol: +PONG to PING, {proto: 3} to HELLO (how the client
    starts, signing in with the password), +OK to anything else."""

    def handle(self):
        while line := self.rfile.readline():
            if not line.startswith(b"*"):
                continue
            words = []
            for _ in range(int(line[1:])):
                self.rfile.readline()  # $length
                words.append(self.rfile.readline().strip().upper())
            replies = {b"PING": b"+PONG\r\n", b"HELLO": b"%1\r\n$5\r\nproto\r\n:3\r\n"}
            self.wfile.write(replies.get(words[0] if words else b"", b"+OK\r\n"))


@pytest.fixture
def redis_port():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeRedis)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_redis_when_configured(app, redis_port):
    app.config["RATELIMIT_STORAGE_URI"] = f"redis://:secret@127.0.0.1:{redis_port}/0"
    app.config["CACHE_REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/1"
    result = doctor(app)
    assert result.exit_code == 0, result.output
    assert (f"Redis answers at 127.0.0.1:{redis_port}/0 (log-in throttling); "
            f"127.0.0.1:{redis_port}/1 (page cache)") in result.output
    assert "secret" not in result.output
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    app.config["CACHE_REDIS_URL"] = f"redis://127.0.0.1:{port}/1"
    result = doctor(app)
    assert result.exit_code == 1
    assert f"cannot reach Redis at 127.0.0.1:{port}/1 (page cache)" in result.output
