"""`make bench`, the enquiries section (`python bench/run.py --only enquiries`), on its own
database (a temporary SQLite file, or with --pg a PostgreSQL database dropped at the end;
--keep keeps instance/bench/bench-enquiries.db or portal_bench_enquiries for later runs).

1. Submissions: a member's enquiry form posted from 16 connections (threads, each request
   with its own one-time key) for `--submit-seconds` (20 s) against gunicorn with 2 sync
   workers; every response's status and time is kept. Afterwards the enquiries of this year
   are counted: each 302 (the redirect to the new enquiry) must be one row, and nothing else
   may have made one. wrk is not used here: it drops the requests in flight when its time is
   up, whose enquiries the server still stores, so its counts cannot be compared with rows.
2. The agent queue at --enquiries (100,000) enquiries: its SQL statements counted in process
   for the waiting queue and for all statuses (the same number: the page does not read more
   when more match), then wrk -c16 and -c2 on /staff/enquiries/ (an agent's waiting queue,
   nearest deadline first) and ?status=all (every enquiry of the agent's department, newest
   first).
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from collections import Counter
from urllib.parse import urlencode

from common import (
    FIGURES,
    Server,
    analyze,
    figures,
    load_average,
    markdown_table,
    python,
    python_output,
    report,
    section_database,
    wrk,
)
from load_enquiries import AGENT, MEMBER, PASSWORD

BODY = ("我公司是一家制造业民营企业，想了解今年研发费用加计扣除的申报口径，以及需要留存哪些资料。"
        "请秘书处帮助解答，谢谢！")


def _request(base: str, method: str, path: str, cookie: str = "", body: str = ""):
    host, port = base.rsplit("/", 1)[1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body.encode() if body else None, headers=headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, response.getheader("Set-Cookie") or "", data


def _cookie(set_cookie: str, previous: str) -> str:
    match = re.search(r"(session=[^;]+)", set_cookie)
    return match.group(1) if match else previous


def _token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(base: str, email: str) -> str:
    """A session cookie of the user (CSRF is on, as in production)."""
    _status, set_cookie, page = _request(base, "GET", "/login")
    cookie = _cookie(set_cookie, "")
    body = urlencode({"email": email, "password": PASSWORD, "csrf_token": _token(page)})
    status, set_cookie, _page = _request(base, "POST", "/login", cookie, body)
    if status != 302:
        raise RuntimeError(f"signing in {email} answered {status}")
    return _cookie(set_cookie, cookie)


def submissions(base: str, connections: int, seconds: float) -> tuple[Counter, list[float]]:
    cookie = sign_in(base, MEMBER)
    _status, set_cookie, page = _request(base, "GET", "/members/enquiries/new", cookie)
    cookie, token = _cookie(set_cookie, cookie), _token(page)
    statuses: Counter = Counter()
    times: list[float] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            body = urlencode({"csrf_token": token, "key": f"bench-{number:02d}-{sent:09d}-key",
                              "category_id": "", "subject": f"压测咨询 {number}-{sent}",
                              "body": BODY, "channel": "portal", "phone": ""})
            started = time.perf_counter()
            try:
                status = _request(base, "POST", "/members/enquiries/new", cookie, body)[0]
            except OSError as error:
                status = type(error).__name__
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                statuses[status] += 1
                times.append(elapsed)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, times


def _python(env: dict, code: str) -> str:
    return python_output(env, "-c", code).strip()


def count_this_year(env: dict) -> int:
    return int(_python(env, (
        "from datetime import datetime\nfrom sqlalchemy import func, select\n"
        "from portal import create_app\nfrom portal.extensions import db\n"
        "from portal.enquiries.models import Enquiry\napp = create_app()\n"
        "with app.app_context():\n"
        "    year = f'ZX-{datetime.now().year}-%'\n"
        "    print(db.session.scalar(select(func.count(Enquiry.id))"
        ".where(Enquiry.reference.like(year))))")))


STATEMENTS = """
from sqlalchemy import event, update
from portal import create_app
from portal.extensions import db
from portal.enquiries.models import Enquiry
app = create_app({{"WTF_CSRF_ENABLED": False}})
client = app.test_client()
client.post("/login", data={{"email": "{agent}", "password": "{password}"}})
counts = []
for path in ("/staff/enquiries/", "/staff/enquiries/?status=all"):
    client.get(path)
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: seen.append(1)
    event.listen(engine, "before_cursor_execute", listener)
    client.get(path)
    event.remove(engine, "before_cursor_execute", listener)
    counts.append(len(seen))
print(" ".join(map(str, counts)))
"""


def statement_counts(env: dict) -> str:
    return _python(env, STATEMENTS.format(agent=AGENT, password=PASSWORD))


def measure(env: dict, database: str, size: int, duration: int, seconds: float) -> list:
    """Load up to `size` enquiries, measure, and return the table's rows."""
    loaded = int(_python(env, (
        "from sqlalchemy import func, select\nfrom portal import create_app\n"
        "from portal.extensions import db\nfrom portal.enquiries.models import Enquiry\n"
        "app = create_app()\nwith app.app_context():\n"
        "    print(db.session.scalar(select(func.count(Enquiry.id))))")) or 0)
    if loaded < size:
        started = time.monotonic()
        python(env, "bench/load_enquiries.py", str(size - loaded))
        print(f"{database}: {size - loaded} enquiries loaded in "
              f"{time.monotonic() - started:.0f} s", flush=True)
    analyze(env)
    before = count_this_year(env)
    rows = []
    server = Server(env, cache=False)
    try:
        statuses, times = submissions(server.base, 16, seconds)
        time.sleep(1)
        made = count_this_year(env) - before
        times.sort()
        result = {"rps": len(times) / seconds, "p50": statistics.median(times),
                  "p99": times[int(len(times) * 0.99)],
                  "errors": sum(n for status, n in statuses.items() if status != 302)}
        report("POST enquiry", "16 threads", result)
        print(f"  responses {dict(statuses)}; rows made {made}", flush=True)
        rows.append(("POST /members/enquiries/new", "16 conn.", result,
                     f"rows {made}, 302s {statuses[302]}"
                     + (" (equal)" if made == statuses[302] else " (NOT EQUAL)")))
        counts = statement_counts(env).split()
        cookie = sign_in(server.base, AGENT)
        for path, count in zip(("/staff/enquiries/", "/staff/enquiries/?status=all"), counts,
                               strict=True):
            for connections in (16, 2):
                result = wrk(server.base, path, duration, (f"Cookie: {cookie}",), connections)
                label = f"{connections} conn."
                report(path, label, result)
                rows.append((f"GET {path}", label, result, f"{count} SQL statements"))
    finally:
        server.stop()
    return rows


def table(database: str, size: int, rows: list, loads: str, seconds: float,
          duration: int) -> str:
    heading = (f"{database}, enquiries ({size:,} loaded) — gunicorn 2 sync workers; "
               f"submissions {seconds:g} s from 16 threads, queue pages wrk -t2 {duration} s "
               f"per line; load average (1, 5, 15 min) {loads}")
    return markdown_table(heading, ["request", "load", *FIGURES, "errors:", "notes"],
                          [[f"`{label}`", mode, *figures(result), result["errors"], notes]
                           for label, mode, result, notes in rows])


def section(args, env: dict, database: str) -> list[str]:
    with section_database(args, env, "enquiries", args.keep,
                          "bench-enquiries.db") as (env, _workdir):
        loads = [load_average()]
        rows = measure(env, database, args.enquiries, args.duration, args.submit_seconds)
        loads.append(load_average())
    text = table(database, args.enquiries, rows, " → ".join(loads), args.submit_seconds,
                 args.duration)
    print(text, flush=True)
    return [text]
