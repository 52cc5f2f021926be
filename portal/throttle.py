"""Counting attempts before doing the work they limit (log-ins, recorded security events).

Flask-Limiter's deduct_when counts an attempt after its response, so a burst sent together
passes its check before any of it is counted. attempt() counts first, with the storage's
atomic increment (Redis INCRBY; a lock in memory), and answers whether this very attempt is
within the limit: the caller does the work only then. Counts are kept where Flask-Limiter
keeps its own (RATELIMIT_STORAGE_URI, fixed windows). With rate limits off (RATELIMIT_ENABLED
false) every attempt is allowed, unless the caller needs a bound in any case (always=True,
counted in this process's memory).
"""

from __future__ import annotations

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter

from portal.extensions import limiter

NAMESPACE = "portal"


def _strategy(always: bool) -> RateLimiter | None:
    if limiter.enabled:
        return limiter.limiter
    if not always:
        return None
    return current_app.extensions.setdefault(
        "throttle_memory", FixedWindowRateLimiter(MemoryStorage()))


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
