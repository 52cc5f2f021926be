"""The member-area section of `make bench`: signed-in pages at 2,000 enterprises with 6,000
users, 10,000 notices and 5,000 study materials (bench/load_members.py), under gunicorn (2
sync workers) driven by wrk, no page cache (signed-in pages are never cached).

Measured: the dashboard, the notice list, a notice page and the materials list of a member
(wrk -c16, each beside a /healthz measured just before it), the dashboard and notice list of
a member who has read every notice they may read (some 8,000; their enterprise has
acknowledged all it was asked to), the receipt report of a notice
to all 2,000 enterprises over 2 connections (one per worker: the time a report takes
without a queue of 16 in front of it), and one download of that report as CSV and XLSX
(time, size, and whether it was streamed). Each page's statement count is tested to stay constant
(tests/notices/test_queries.py). A fresh database per run (SQLite in a temporary folder;
with --pg a UTF-8 database on 127.0.0.1:5432, dropped at the end; --keep keeps
portal_bench_members / instance/bench/members.db for later runs).
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request

from common import (
    Server,
    analyze,
    load_average,
    python_output,
    ratio_table,
    report,
    section_database,
    wrk,
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(response, known: dict) -> dict:
    """The cookies a response sets, added to `known` (Secure ones too: this is plain HTTP on
    127.0.0.1, where a browser's cookie jar would hold them back)."""
    for header in response.headers.get_all("Set-Cookie") or ():
        name, _, rest = header.partition("=")
        known[name.strip()] = rest.split(";", 1)[0]
    return known


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in through the log-in form (CSRF token and all); the Cookie header to send."""
    from urllib.parse import urlencode, urljoin

    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(base + "/login", timeout=10) as response:
        cookies = _cookies(response, {})
        page = response.read().decode()
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    request = urllib.request.Request(
        base + "/login", data=urlencode({"csrf_token": token, "email": email,
                                         "password": password}).encode(),
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:  # the 302 after signing in
        if error.code != 302:
            raise
        cookies = _cookies(error, cookies)
        landing = error.headers["Location"]
    # The page the browser lands on takes the log-in's flash message out of the session and
    # puts the form token in; the cookie it sets is what the member's later requests carry.
    # Without it every measured request showed "signed in" again and wrote a new session.
    request = urllib.request.Request(urljoin(base + "/", landing), headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    with opener.open(request, timeout=10) as response:
        cookies = _cookies(response, cookies)
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if "session=" not in header:
        raise RuntimeError(f"could not sign in as {email}")
    with opener.open(urllib.request.Request(urljoin(base + "/", landing),
                                            headers={"Cookie": header}), timeout=10) as response:
        if response.headers.get("Set-Cookie"):  # wrk sends the same cookie every time
            raise RuntimeError("the session still changes on every page")
    return header


def download_time(base: str, path: str, cookie: str) -> tuple[float, int, bool]:
    """(seconds, bytes, streamed: sent without a Content-Length) of one download."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=60) as response:
        size = len(response.read())
        streamed = response.headers.get("Content-Length") is None
    return time.monotonic() - started, size, streamed


def measure_members(env: dict, duration: int, ids: dict) -> list[tuple]:
    """The signed-in member pages and the staff receipt report (no page cache for them)."""
    rows = []
    server = Server(env, cache=False)
    try:
        member = ("Cookie: " + sign_in(server.base, ids["email"], ids["password"]),)
        editor = ("Cookie: " + sign_in(server.base, ids["editor"], ids["password"]),)
        reader = ("Cookie: " + sign_in(server.base, ids["reader"], ids["password"]),)
        urls = [("/healthz", (), "/healthz"), ("/members/", member, "/members/"),
                ("/members/notices/", member, "/members/notices/"),
                (f"/members/notices/{ids['notice']}", member, "/members/notices/<id>"),
                ("/members/materials/", member, "/members/materials/"),
                ("/members/", reader, "/members/ (has read all)"),
                ("/members/notices/", reader, "/members/notices/ (has read all)"),
                (f"/staff/notices/{ids['report']}/report", editor,
                 "report (2,000 enterprises)")]
        for path, headers, label in urls:
            if path == "/healthz":
                result = wrk(server.base, path, duration)
                rows.append((label, "-", result, 1.0))
                report(label, "-", result)
                continue
            # Each page beside a /healthz measured just before it: the machine's speed
            # drifts over a run (by a fifth and more here), and a ceiling measured minutes
            # earlier made the ratios drift with it.
            ceiling = wrk(server.base, "/healthz", duration)["rps"]
            # The report is a staff page asked now and then: measured over 2 connections
            # (one per worker), the time it takes without a queue of 16 in front of it.
            report_page = "report" in label
            result = wrk(server.base, path, duration, headers,
                         connections=2 if report_page else 16)
            mode = (("signed in, 2 conn." if report_page else "signed in")
                    + f"; /healthz before it {ceiling:,.0f}/s")
            rows.append((label, mode, result, result["rps"] / ceiling if ceiling else 0.0))
            report(label, mode, result)
        for kind in ("csv", "xlsx"):
            seconds, size, streamed = download_time(
                server.base, f"/staff/notices/{ids['report']}/report.{kind}", editor[0][8:])
            print(f"  report.{kind}: {size:,} bytes in {seconds * 1000:.0f} ms"
                  f"{' (streamed)' if streamed else ''}", flush=True)
    finally:
        server.stop()
    return rows


def load_members(env: dict) -> dict:
    out = python_output(env, "bench/load_members.py")
    return json.loads(out.strip().splitlines()[-1])


def section(args, env: dict, database: str) -> list[str]:
    with section_database(args, env, "members", args.keep, "members.db") as (env, _workdir):
        started = time.monotonic()
        ids = load_members(env)
        analyze(env)
        print(f"{database}: 2,000 enterprises, 6,000 users, 10,000 notices and 5,000 "
              f"materials ready in {time.monotonic() - started:.0f} s", flush=True)
        loads = load_average()
        rows = measure_members(env, args.duration, ids)
        text = table(database, rows, f"{loads} → {load_average()}", args.duration)
        print(text, flush=True)
        return [text]


def table(database: str, rows: list[tuple], loads: str, duration: int) -> str:
    return ratio_table(
        f"{database}, member area (2,000 enterprises, 6,000 users, 10,000 notices, 5,000 "
        f"materials) — gunicorn 2 sync workers, wrk -t2 -c16 (\"2 conn.\": -c2), {duration} s "
        f"per URL; load average (1, 5, 15 min) {loads}", "who", rows)
