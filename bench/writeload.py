"""The write-load bench: log-ins, profile saves, publishes and invitations from several
connections at once while an administrator imports enterprises; then the rows are checked.

    python bench/writeload.py BASE_URL [--duration 20] [--connections 16] [--import-rows 5000]

Run by `make bench` (bench/run.py), against gunicorn on a database seeded by
bench/writeseed.py and named by PORTAL_DATABASE_URL, which the row check reads. Each
connection is a browser of its own (cookies, CSRF tokens from the pages, as a person would
send them), doing one kind of work in a loop: a quarter sign in afresh each time, a quarter
save their profile, a quarter publish articles, a quarter send invitations. A few seconds in,
one more browser uploads a workbook and confirms its import. Every answer other than the
expected one is an error. Afterwards every acknowledged change is looked up in the database:
a missing row is lost, a second one duplicated.
"""

from __future__ import annotations

import argparse
import http.client
import io
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

PASSWORD = "bench-password-2026"
KINDS = ("login", "profile", "publish", "invite")
TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')
CONFIRM = re.compile(r'name="token" type="hidden" value="([0-9a-f]+)"')


@dataclass
class Sample:
    kind: str
    started: float
    seconds: float
    ok: bool


@dataclass
class Record:
    samples: list[Sample] = field(default_factory=list)
    acknowledged: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    import_window: tuple[float, float] | None = None
    import_ok: bool = False

    def add(self, sample: Sample, key: str | None = None) -> None:
        with self.lock:
            self.samples.append(sample)
            if key is not None and sample.ok:
                self.acknowledged.setdefault(sample.kind, []).append(key)


class Browser:
    """One person's browser: its own cookies, one request at a time, no redirects followed."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def send(self, method: str, path: str, body: bytes = b"", content_type: str = ""):
        headers = {"Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()

    def token(self, path: str) -> str:
        status, text = self.send("GET", path)
        match = TOKEN.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}, no form")
        return match.group(1)

    def post(self, path: str, fields: dict):
        return self.send("POST", path, urlencode(fields).encode(),
                         "application/x-www-form-urlencoded")

    def sign_in(self, email: str) -> int:
        token = self.token("/login")
        return self.post("/login", {"email": email, "password": PASSWORD,
                                    "csrf_token": token})[0]


def timed(record: Record, kind: str, action, key: str | None = None,
          expected: int = 302) -> None:
    started = time.monotonic()
    try:
        status = action()
    except Exception:  # a refused connection, a page without its form: an error
        status = None
    record.add(Sample(kind, started, time.monotonic() - started, status == expected), key)


def work(kind: str, number: int, base: str, stop: threading.Event, record: Record,
         extra: dict) -> None:
    browser = Browser(base)
    member = f"member{number}@bench.example.org"
    if kind == "profile":
        browser.sign_in(member)
    elif kind == "publish":
        browser.sign_in("editor@bench.example.org")
    elif kind == "invite":
        browser.sign_in("admin@bench.example.org")
    n = 0
    while not stop.is_set():
        n += 1
        if kind == "login":
            timed(record, "login", lambda: Browser(base).sign_in(member))
        elif kind == "profile":
            name = f"会员{number}-{n}"
            timed(record, "profile", lambda name=name: browser.post(
                "/members/account/profile", {"name": name, "phone": "",
                                             "csrf_token": browser.token("/members/account/")}
            )[0], key=f"{member}|{name}")
        elif kind == "publish":
            title = f"压测文章-{number}-{n}"
            timed(record, "publish", lambda title=title: browser.post("/staff/news/new", {
                "category_id": extra["category_id"], "title_zh": title,
                "body_zh": "<p>压测正文。</p>", "action": "publish",
                "csrf_token": browser.token("/staff/news/new")})[0], key=title)
        else:
            email = f"invite-{number}-{n}-{uuid.uuid4().hex[:6]}@bench.example.org"
            timed(record, "invite", lambda email=email: browser.post(
                "/staff/users/new?kind=member", {
                    "email": email, "name": "受邀会员", "enterprise": extra["credit_code"],
                    "language": "zh_CN",
                    "csrf_token": browser.token("/staff/users/new?kind=member")})[0], key=email)


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from portal.enterprises.creditcode import complete_code

    book = Workbook()
    sheet = book.active
    sheet.append(["企业名称", "统一社会信用代码", "会员级别", "入会日期"])
    for n in range(rows):
        sheet.append([f"压测导入企业{n}有限公司", complete_code(f"91320500MB{n:07d}"), "会员单位",
                      "2025-01-01"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_enterprises(base: str, record: Record, rows: int, delay: float) -> None:
    data = workbook(rows)
    time.sleep(delay)
    browser = Browser(base)
    browser.sign_in("admin@bench.example.org")
    started = time.monotonic()
    token = browser.token("/staff/enterprises/import")
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"enterprises.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    status, page = browser.send("POST", "/staff/enterprises/import", body,
                                f"multipart/form-data; boundary={boundary}")
    confirm = CONFIRM.search(page)
    ok = status == 200 and confirm is not None
    if ok:
        status, _ = browser.post("/staff/enterprises/import/confirm", {
            "token": confirm.group(1), "csrf_token": TOKEN.search(page).group(1)})
        ok = status == 302
    record.import_window = (started, time.monotonic())
    record.import_ok = ok
    record.add(Sample("import", started, time.monotonic() - started, ok))


def seeded() -> dict:
    from sqlalchemy import select

    from portal import create_app
    from portal.enterprises.models import Enterprise
    from portal.extensions import db
    from portal.news.models import Category

    with create_app().app_context():
        return {"category_id": str(db.session.scalar(select(Category.id).limit(1))),
                "credit_code": db.session.scalar(select(Enterprise.credit_code).limit(1))}


def check_rows(record: Record, import_rows: int) -> dict:
    """Every acknowledged change looked up: {checked, lost, duplicated}."""
    from collections import Counter

    from sqlalchemy import func, select

    from portal import create_app
    from portal.accounts.models import User
    from portal.enterprises.models import Enterprise
    from portal.extensions import db
    from portal.mail.models import OutboxMessage
    from portal.news.models import Article
    from portal.search.models import SearchDocument

    acked = record.acknowledged
    result = Counter()
    with create_app().app_context():
        titles = Counter(db.session.scalars(select(Article.title_zh).where(
            Article.title_zh.like("压测文章-%"), Article.status == "published")))
        for title in acked.get("publish", []):
            result["checked"] += 1
            result["lost"] += titles[title] == 0
            result["duplicated"] += max(titles[title] - 1, 0)
        keys = db.session.scalars(select(SearchDocument.sort_key)).all()
        result["checked"] += len(keys)
        result["duplicated"] += len(keys) - len(set(keys))
        result["lost"] += max(len(titles) - len(keys), 0)  # a published article not indexed
        invited = Counter(db.session.scalars(select(User.email).where(
            User.email.like("invite-%"))))
        mails = Counter(db.session.scalars(select(OutboxMessage.recipient).where(
            OutboxMessage.recipient.like("invite-%"))))
        for email in acked.get("invite", []):
            result["checked"] += 2
            result["lost"] += (invited[email] == 0) + (mails[email] == 0)
            result["duplicated"] += max(mails[email] - 1, 0)
        names = dict(db.session.execute(
            select(User.email, User.name).where(User.email.like("member%"))).all())
        last = {}
        for key in acked.get("profile", []):
            email, name = key.split("|")
            last[email] = name  # one browser per member: its last acknowledged save wins
        for email, name in last.items():
            result["checked"] += 1
            result["lost"] += names.get(email) != name
        imported = db.session.scalar(select(func.count(Enterprise.id)).where(
            Enterprise.name_zh.like("压测导入企业%")))
        codes = db.session.scalar(select(func.count(func.distinct(Enterprise.credit_code))))
        total = db.session.scalar(select(func.count(Enterprise.id)))
        result["checked"] += imported
        result["lost"] += import_rows - imported if record.import_ok else 0
        result["duplicated"] += total - codes
    return dict(result)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] * 1000


def report(record: Record, duration: float, rows: dict) -> None:
    """A table per kind of work: each operation is a GET of the form and its POST."""
    print("| work | operations | ops/s | HTTP req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in (*KINDS, "import", "all"):
        samples = [s for s in record.samples if kind == "all" or s.kind == kind]
        seconds = [s.seconds for s in samples]
        requests = len(samples) * 2 + (1 if kind in ("import", "all") else 0)
        print(f"| {kind} | {len(samples)} | {len(samples) / duration:.1f} | "
              f"{requests / duration:.1f} | {percentile(seconds, 0.5):.0f} | "
              f"{percentile(seconds, 0.99):.0f} | {sum(not s.ok for s in samples)} |")
    if record.import_window:
        start, end = record.import_window
        during = [s.seconds for s in record.samples  # log-ins overlapping the import
                  if s.kind == "login" and s.started <= end and s.started + s.seconds >= start]
        print(f"\nlog-in p99 during the import ({end - start:.1f} s, {len(during)} log-ins): "
              f"{percentile(during, 0.99):.0f} ms, median "
              f"{statistics.median(during or [0]) * 1000:.0f} ms")
    print(f"rows checked: {rows.get('checked', 0)}, lost: {rows.get('lost', 0)}, "
          f"duplicated: {rows.get('duplicated', 0)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--import-rows", type=int, default=5000)
    args = parser.parse_args()
    extra = seeded()
    record, stop = Record(), threading.Event()
    threads = [threading.Thread(target=work, args=(KINDS[i % len(KINDS)], i, args.base, stop,
                                                   record, extra))
               for i in range(args.connections)]
    importer = threading.Thread(target=import_enterprises,
                                args=(args.base, record, args.import_rows, 3.0))
    started = time.monotonic()
    for thread in [*threads, importer]:
        thread.start()
    time.sleep(args.duration)
    stop.set()
    for thread in [*threads, importer]:
        thread.join(120)
    elapsed = time.monotonic() - started
    report(record, elapsed, check_rows(record, args.import_rows))
    errors = sum(not s.ok for s in record.samples)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
