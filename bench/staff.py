"""The staff section of `make bench`: the audit log, the mail log and the enterprise list as a
signed-in administrator sees them, and their Excel downloads, on a database of 100,000 audit
events, 50,000 mails and 5,000 enterprises.

The pages are driven by wrk (-t2 -c16) with the admin's session cookie against gunicorn as in
production (2 sync workers). Each download is then fetched once on its own: the time it
takes, its size, and the peak memory of the gunicorn workers afterwards (VmHWM; the workbook
is written row by row to a temporary file, so memory should not grow with the log).
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import quote

from common import BIN, PG, ROOT, Server, analyze, createdb, dropdb, load_average, report, wrk

EVENTS, MAILS, ENTERPRISES = 100_000, 50_000, 5_000
PASSWORD = "bench staff password 2026"
ADMIN = "bench-admin@example.org"

LOAD = f"""
import random
from datetime import timedelta
from sqlalchemy import insert
from portal import create_app
from portal.accounts.services import create_user
from portal.audit.models import AuditEvent
from portal.database import utcnow
from portal.departments.models import Department
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db
from portal.mail.models import OutboxMessage
from portal.sorting import pinyin_key

random.seed(7)
WORDS = "青禾 远帆 明川 松林 华信 东方 长城 重庆 阿里 金桥 新材料 智能 物流 食品 科技 装备".split()
app = create_app()
with app.app_context():
    department = Department(name_zh="综合事务部", name_en="General Affairs", is_default=True)
    db.session.add(department)
    admin = create_user(email="{ADMIN}", name="基准管理员", kind="staff", roles=("admin",),
                        department=department, password="{PASSWORD}")
    db.session.flush()
    now = utcnow()
    rows = []
    for n in range({ENTERPRISES}):
        name = "".join(random.sample(WORDS, 3)) + f"{{n}}有限公司"
        rows.append(dict(name_zh=name, name_sort=pinyin_key(name), name_en=f"Company {{n}}",
                         credit_code=complete_code(f"91110000MA{{n:07d}}"), level="member",
                         status="active", created_at=now))
    db.session.execute(insert(Enterprise), rows)
    actions = ["login.succeeded", "article.published", "enterprise.updated", "login.failed",
               "user.updated", "settings.updated"]
    for start in range(0, {EVENTS}, 10_000):
        db.session.execute(insert(AuditEvent), [dict(
            created_at=now - timedelta(minutes=n), actor_id=admin.id if n % 4 else None,
            action=actions[n % len(actions)], target_type="Enterprise", target_id=n % 5000 + 1,
            address="192.0.2.7", details={{"n": n}}) for n in range(start, start + 10_000)])
    for start in range(0, {MAILS}, 10_000):
        db.session.execute(insert(OutboxMessage), [dict(
            recipient=f"reader{{n}}@example.com", subject="您在会员服务门户的账号",
            body_text="x" * 800, body_html="<p>" + "x" * 800 + "</p>", template="invitation",
            language="zh_CN", status="sent" if n % 9 else "failed", attempts=1,
            next_attempt_at=now, created_at=now - timedelta(minutes=n), last_error="")
            for n in range(start, start + 10_000)])
    db.session.commit()
"""

PAGES = ["/healthz", "/staff/audit/", "/staff/audit/?kind=security",
         "/staff/audit/?target_type=Enterprise&target_id=77", "/staff/mail/",
         "/staff/mail/?q=reader4242", "/staff/enterprises/",
         "/staff/enterprises/lookup?q=" + quote("青禾")]
DOWNLOADS = ["/staff/audit/export.xlsx", "/staff/enterprises/export.xlsx"]


def sign_in(base: str) -> str:
    """The session cookie of the bench admin, through the log-in form and its CSRF token.
    Cookies are handled by hand: production marks them Secure, which a cookie jar would not
    send back over the plain HTTP of the bench."""
    host = urllib.parse.urlsplit(base).netloc

    def ask(method, path, body=None, cookie=""):
        connection = http.client.HTTPConnection(host, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        page = response.read().decode()
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
        connection.close()
        return page, "; ".join(cookies) or cookie

    page, cookie = ask("GET", "/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": ADMIN, "password": PASSWORD,
                                   "next": ""})
    _, cookie = ask("POST", "/login", data, cookie)
    return cookie


def worker_peak_kb(parent: int) -> int:
    """The largest peak resident size (VmHWM) among the server's worker processes."""
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{parent}$", status, re.M):
            peak = max(peak, int(re.search(r"^VmHWM:\s+(\d+)", status, re.M).group(1)))
    return peak


def section(args, env: dict, database: str) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench-staff-"))
    name = "portal_bench_staff"
    if args.pg:
        dropdb(name)
        createdb(name)
        env = dict(env, PORTAL_DATABASE_URL=PG + name)
    else:
        env = dict(env, PORTAL_DATABASE_URL=f"sqlite:///{folder / 'staff.db'}")
    env = dict(env, PORTAL_LOGIN_LIMIT_PER_ADDRESS="1000 per minute")
    lines = [f"{database}: staff screens, {EVENTS:,} audit events, {MAILS:,} mails, "
             f"{ENTERPRISES:,} enterprises (load {load_average()})"]
    try:
        subprocess.run([str(BIN / "flask"), "--app", "portal", "db", "upgrade"], env=env,
                       cwd=ROOT, check=True, capture_output=True)
        started = time.monotonic()
        subprocess.run([str(BIN / "python"), "-c", LOAD], env=env, cwd=ROOT, check=True)
        print(f"  loaded in {time.monotonic() - started:.0f} s", flush=True)
        analyze(env)
        server = Server(env, cache=False)
        try:
            cookie = sign_in(server.base)
            for path in PAGES:
                result = wrk(server.base, path, args.duration, (f"Cookie: {cookie}",))
                report(path[:40], "admin", result)
                lines.append(f"  {path:<52} {result['rps']:>7.0f} req/s  p50 "
                             f"{result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms"
                             + (f"  ({result['errors']} errors)" if result["errors"] else ""))
            for path in DOWNLOADS:
                request = urllib.request.Request(server.base + path, headers={"Cookie": cookie})
                started = time.monotonic()
                size = len(urllib.request.urlopen(request, timeout=600).read())
                seconds = time.monotonic() - started
                line = (f"  {path:<52} one download: {seconds:6.2f} s, {size / 1024:8.0f} KB, "
                        f"worker peak {worker_peak_kb(server.process.pid) / 1024:.0f} MB")
                print(line, flush=True)
                lines.append(line)
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if args.pg:
            dropdb(name)
    text = "\n".join(lines)
    print(text, flush=True)
    return [text]
