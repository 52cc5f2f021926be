"""Log-ins sent at the same moment (real threads, either database): correct ones all get in
while the password hashes run outside the write lock, and a burst of wrong guesses gets no
more password checks than the limit, on Redis and in memory."""

from __future__ import annotations

import threading
import time

import pytest
import time_machine

from portal.accounts import services
from tests.conftest import PASSWORD, skip_or_fail
from tests.threads import statuses, together

REDIS_URL = "redis://127.0.0.1:6379/5"


def redis_or_skip(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError:
        skip_or_fail(f"no Redis at {url} (PORTAL_TEST_REDIS_URL)")


@pytest.fixture(params=["memory://", "redis"])
def app_config(request):
    import os

    storage = request.param
    if storage == "redis":
        storage = os.environ.get("PORTAL_TEST_REDIS_URL", REDIS_URL)
        redis_or_skip(storage)
    return {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": storage,
            "LOGIN_LIMIT_PER_ACCOUNT": "5 per 15 minutes",
            "LOGIN_LIMIT_PER_ADDRESS": "1000 per 10 minutes"}


def counting_checks(monkeypatch, pause: float = 0.0) -> list:
    """Replace the password check with one that counts its calls (and takes `pause`)."""
    calls = []
    lock = threading.Lock()
    real = services.check_password_hash

    def check(hash_, password):
        with lock:
            calls.append(password)
        time.sleep(pause)
        return real(hash_, password)

    monkeypatch.setattr(services, "check_password_hash", check)
    return calls


def test_a_hundred_simultaneous_wrong_passwords_get_five_checks(app, member, monkeypatch):
    checks = counting_checks(monkeypatch, pause=0.02)
    browsers = [app.test_client() for _ in range(100)]

    responses = together(100, lambda i: browsers[i].post(
        "/login", data={"email": member.email, "password": f"guess {i}"}))

    assert statuses(responses) == [200] * 5 + [429] * 95
    assert len(checks) == 5


def test_slow_correct_logins_at_once_all_get_in(app, make_user, monkeypatch):
    """A password check that takes a while (a costly hash) holds no lock: ten members signing
    in together all get in. (With the check inside the write lock they queued, and those
    waiting past the busy timeout got a 500.)"""
    members = [make_user() for _ in range(10)]
    counting_checks(monkeypatch, pause=0.7)
    browsers = [app.test_client() for _ in range(10)]

    responses = together(10, lambda i: browsers[i].post(
        "/login", data={"email": members[i].email, "password": PASSWORD}))

    assert statuses(responses) == [302] * 10


def test_the_real_user_gets_in_after_the_window(app, client, member):
    if app.config["RATELIMIT_STORAGE_URI"] != "memory://":
        return  # Redis keeps its own clock
    with time_machine.travel("2026-03-02 09:00:00 +0000", tick=False) as traveller:
        for _ in range(5):
            client.post("/login", data={"email": member.email, "password": "wrong"})
        blocked = client.post("/login", data={"email": member.email, "password": PASSWORD})
        assert blocked.status_code == 429
        assert "too many attempts" in blocked.get_data(as_text=True)
        assert f'value="{member.email}"' in blocked.get_data(as_text=True)
        traveller.shift(16 * 60)
        assert client.post("/login", data={"email": member.email, "password": PASSWORD}
                           ).status_code == 302


def test_simultaneous_reset_requests_send_no_more_mails_than_the_limit(app, member):
    """Reset requests are counted before any mail is made (portal/throttle.py)."""
    from tests.conftest import mails_to

    browsers = [app.test_client() for _ in range(30)]

    responses = together(30, lambda i: browsers[i].post(
        "/password/forgot", data={"email": member.email}))

    assert statuses(responses) == [302] * 3 + [429] * 27
    assert len(mails_to(app, member.email)) == 3
