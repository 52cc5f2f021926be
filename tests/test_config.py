"""Configuration order and the production start-up checks."""

from __future__ import annotations

import pytest

from portal import create_app
from portal.config import DEV_SECRET_KEY

GOOD = {
    "PORTAL_ENV": "production",
    "PORTAL_SECRET_KEY": "a-long-random-production-secret-0123456789",
    "PORTAL_BASE_URL": "https://portal.example.org",
}


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    for key, value in GOOD.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    return monkeypatch


def test_production_starts_with_proper_settings(production_env):
    app = create_app()
    assert app.config["ENV"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("p.db")


@pytest.mark.parametrize("key, value, problem", [
    ("PORTAL_SECRET_KEY", DEV_SECRET_KEY, "SECRET_KEY"),
    ("PORTAL_SECRET_KEY", "12345", "SECRET_KEY"),
    ("PORTAL_DEBUG", "true", "DEBUG"),
    ("PORTAL_SESSION_COOKIE_SECURE", "false", "Secure"),
    ("PORTAL_BASE_URL", "http://portal.example.org", "https"),
])
def test_production_refuses_unsafe_settings(production_env, key, value, problem):
    production_env.setenv(key, value)
    with pytest.raises(RuntimeError, match=problem):
        create_app()


def test_unset_env_means_production(monkeypatch):
    monkeypatch.delenv("PORTAL_ENV", raising=False)
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_development_allows_the_development_key(monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    app = create_app()
    assert app.config["SECRET_KEY"] == DEV_SECRET_KEY
    assert not app.config["SESSION_COOKIE_SECURE"]


def test_numeric_secret_from_environment_stays_a_string(production_env):
    production_env.setenv("PORTAL_SECRET_KEY", "123456789012345678901234567890")
    assert create_app().config["SECRET_KEY"] == "123456789012345678901234567890"


def test_test_settings_come_last(monkeypatch):
    monkeypatch.setenv("PORTAL_BASE_URL", "https://from-env.example.org")
    app = create_app({"BASE_URL": "https://from-test.example.org"})
    assert app.config["BASE_URL"] == "https://from-test.example.org"


def test_production_sends_hsts(production_env):
    app = create_app()
    app.config["TRUSTED_HOSTS"] = ["localhost"]
    with app.app_context():
        from portal.extensions import db

        db.create_all()
    response = app.test_client().get("/", base_url="https://localhost")
    assert "max-age" in response.headers["Strict-Transport-Security"]
