"""Log-in throttling per address and per account, counted before the password is checked;
and the limits on password-reset requests.

Only failures count in the end: a successful sign-in clears its account's count and gives
back its address's attempt. A burst of simultaneous guesses gets no more password checks than
the limits (portal/throttle.py counts atomically).
"""

from __future__ import annotations

from flask import current_app, request

from portal.accounts.models import normalise_email
from portal.throttle import attempt, clear, refund


def _address() -> tuple[str, str]:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"], "login-address:" + (
        request.remote_addr or "")


def _account(email: str) -> tuple[str, str]:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], "login:" + normalise_email(email)


def count_login_attempt(email: str) -> bool:
    """Count an attempt to sign in as `email` from this address; False when the address or
    the account has reached its limit, and the password must not be checked."""
    return attempt(*_address()) and attempt(*_account(email))


def forget_login_attempt(email: str) -> None:
    """After a successful sign-in: the account starts afresh, the address gets its attempt
    back."""
    clear(*_account(email))
    refund(*_address())


def clear_login_throttle(email: str) -> None:
    """A reset lets the real user in at once, even while their account is throttled."""
    clear(*_account(email))


def count_reset_request(email: str) -> bool:
    """Count a password-reset request for `email` from this address; False when the address
    or the account has asked too often (no mail then, and no sign of whether it exists)."""
    address = request.remote_addr or ""
    return (attempt(current_app.config["RESET_LIMIT_PER_ADDRESS"], "reset-address:" + address)
            and attempt(current_app.config["RESET_LIMIT_PER_ACCOUNT"],
                        "reset:" + normalise_email(email)))
