"""Counting attempts before doing the work they limit (log-ins, password-reset requests,
recorded security events).

A limit checked after the response (Flask-Limiter's deduct_when) lets a burst sent together
pass before any of it is counted. attempt() counts first, with the storage's atomic increment
(Redis INCRBY; a lock in memory), and answers whether this very attempt is within the limit:
the caller does the work only then. Counts live in RATELIMIT_STORAGE_URI (memory:// for one
process; Redis when there are several workers or hosts), in fixed windows. With rate limits
off (RATELIMIT_ENABLED false, the tests) every attempt is allowed, unless the caller needs a
bound in any case (always=True, counted in this process's memory).

Only the views that need a limit pay for it: no hook runs on every request.
"""

from __future__ import annotations

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter, RateLimiter

NAMESPACE = "portal"


def register_throttle(app) -> None:
    """The app's counters, made once (threads of one worker share them): in the configured
    storage, and in memory for the bounds that hold even with rate limits off."""
    app.extensions["portal.throttle"] = (
        FixedWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))
        if app.config.get("RATELIMIT_ENABLED", True) else None)
    app.extensions["portal.throttle_memory"] = FixedWindowRateLimiter(MemoryStorage())


def _strategy(always: bool) -> RateLimiter | None:
    strategy = current_app.extensions["portal.throttle"]
    if strategy is None and always:
        return current_app.extensions["portal.throttle_memory"]
    return strategy


def attempt(limit: str, key: str, *, always: bool = False) -> bool:
    """Count one attempt against `limit` ("5 per 15 minutes") for `key`; True when it is
    within the limit."""
    strategy = _strategy(always)
    return strategy is None or strategy.hit(parse(limit), NAMESPACE, key)


def refund(limit: str, key: str) -> None:
    """Give back one counted attempt (it turned out not to count, e.g. a successful log-in)."""
    strategy = _strategy(False)
    if strategy is not None:
        strategy.hit(parse(limit), NAMESPACE, key, cost=-1)


def clear(limit: str, key: str) -> None:
    """Forget every attempt counted for `key` in the current window."""
    strategy = _strategy(False)
    if strategy is not None:
        strategy.clear(parse(limit), NAMESPACE, key)
