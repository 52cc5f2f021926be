"""Absolute links for mail, built from BASE_URL and never from the request's Host header.

`url_for(_external=True)` follows the Host header a client sends, so a forged Host would put
an attacker's address into a password-reset link (SECURITY.md, "Accounts and sessions").
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """The absolute address of an endpoint under the configured BASE_URL (any context)."""
    base = urlsplit(current_app.config["BASE_URL"].rstrip("/"))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)
