"""Requests at the same moment, in real threads: each thread has its own test client."""

from __future__ import annotations

import threading
import time
from functools import wraps


def together(count: int, work, timeout: float = 60) -> list:
    """Run work(i) for i in range(count), in threads released at the same moment.

    Returns each call's result, or the exception it raised.
    """
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout)
            results[i] = work(i)
        except BaseException as error:  # reported to the test, which decides
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results


def signed_in_like(app, client, count: int) -> list:
    """`count` new clients (browsers) carrying the session cookie of the signed-in `client`."""
    cookie = client.get_cookie("session")
    clients = []
    for _ in range(count):
        other = app.test_client()
        other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        other.set_cookie("session", cookie.value, domain=cookie.domain)
        clients.append(other)
    return clients


def widened(function, seconds: float = 0.2):
    """The function, pausing after it answers: a check-then-write rule's window made wide
    enough that requests sent together all pass the check before any of them writes."""

    @wraps(function)
    def slow(*args, **kwargs):
        result = function(*args, **kwargs)
        time.sleep(seconds)
        return result

    return slow


def statuses(responses) -> list:
    """Status codes, with any exception (a failure of the test itself) raised."""
    for response in responses:
        if isinstance(response, BaseException):
            raise response
    return sorted(response.status_code for response in responses)
