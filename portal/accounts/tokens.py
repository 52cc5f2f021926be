"""Signed, expiring links for password reset and invitations, dead once they have been used.

A token signs the user id and a fingerprint of the account's secrets (password hash and
session token). Setting a password changes the hash, and signing out everywhere, deactivation,
revoking or re-sending an invitation rotate the session token: every link issued before then
stops working, so a link is single-use without a table of used tokens. The fingerprint is an
HMAC, so the (readable) token tells nothing about those secrets.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from portal.accounts.models import User
from portal.extensions import db
from portal.security import same_secret

MAX_AGE_SETTINGS = {"reset": "PASSWORD_RESET_MAX_AGE", "invitation": "INVITATION_MAX_AGE"}


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    if purpose not in MAX_AGE_SETTINGS:
        raise ValueError(f"unknown token purpose {purpose!r}")
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"portal.{purpose}")


def _fingerprint(user: User, purpose: str) -> str:
    material = f"{purpose}|{user.id}|{user.email}|{user.password_hash or ''}|{user.session_token}"
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()[:32]


def make_token(user: User, purpose: str) -> str:
    """A URL-safe token for the user's "reset" or "invitation" link."""
    return _serializer(purpose).dumps([user.id, _fingerprint(user, purpose)])


def read_token(token: str, purpose: str) -> User | None:
    """The active user the token was made for, or None when it is expired, used or tampered with."""
    try:
        user_id, fingerprint = _serializer(purpose).loads(
            token, max_age=int(current_app.config[MAX_AGE_SETTINGS[purpose]]))
    except (BadData, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(fingerprint, str):
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active:
        return None
    if not same_secret(_fingerprint(user, purpose), fingerprint):
        return None
    return user
