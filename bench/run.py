"""`make bench`: the portal under gunicorn (2 sync workers) driven by wrk, at 10k and 100k articles.

    python bench/run.py [--pg] [--sizes 10000,100000] [--duration 6] [--keep]

SQLite in a temporary folder by default; with --pg a fresh UTF-8 database on
127.0.0.1:5432 (user postgres), dropped at the end. --keep builds each size once and keeps
it (SQLite: instance/bench/bench-<size>.db; PostgreSQL: database portal_bench_<size>) for
later runs, which then only bring the schema up to date. For each size: load the articles
(bench/load.py), rebuild the search index, time the search function alone
(bench/querytime.py), then run wrk (-t2 -c16, a 2 s warm-up and `--duration` seconds per
URL) against gunicorn started as in production (gunicorn.conf.py: sync workers, preload,
access log written to /dev/null here) with the page cache on, then again with it off;
without the cache the searches are also asked over 2 connections (-c2, one per worker),
the time a search takes without a queue in front of it. /healthz (no database, no
template) is the ceiling of each run; the ratio column compares
each URL with the /healthz of the same run. `/search?q=chamber` is asked in English
(Accept-Language: en), so it searches the English versions. The load average of the
machine is printed with each table: other work on the machine lowers every figure.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
SEARCHES = [("/search?q=" + quote("商会"), ()), ("/search?q=chamber", ("Accept-Language: en",))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict, quiet: bool = True) -> None:
    subprocess.run(cmd, env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Server:
    def __init__(self, env: dict, cache: bool):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(env, PORTAL_PAGE_CACHE_ENABLED="true" if cache else "false")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2",
             "-k", "sync", "-b", f"127.0.0.1:{self.port}", "--access-logfile", os.devnull,
             "--log-level", "warning", "portal:create_app()"], env=env, cwd=ROOT)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def get(self, path: str) -> str:
        return urllib.request.urlopen(self.base + path, timeout=10).read().decode()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(base: str, path: str, duration: int, headers: tuple[str, ...] = (),
        connections: int = 16) -> dict:
    header_args = [arg for header in headers for arg in ("-H", header)]
    url = base + path
    load = ["wrk", "-t2", f"-c{connections}"]
    subprocess.run([*load, "-d2s", *header_args, url], check=True, capture_output=True)
    out = subprocess.run([*load, f"-d{duration}s", "--latency", *header_args, url],
                         check=True, capture_output=True, text=True).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latency("50"), "p99": latency("99"),
            "errors": int(errors.group(1)) if errors else 0}


def measure(env: dict, duration: int) -> tuple[list[tuple], str]:
    """Rows of (label, page cache, result, ratio to /healthz), and the load averages seen.

    With 16 connections on 2 sync workers a request waits behind about 7 others, so p99
    there is mostly queueing. The uncached searches are then asked again over 2 connections
    (one per worker): the time one search takes when the server is not overloaded.
    """
    rows, loads = [], [load_average()]
    for cache in (True, False):
        server = Server(env, cache)
        try:
            article = re.search(r'href="(/news/\d+)"', server.get("/news/")).group(1)
            urls = [("/healthz", ()), ("/", ()), ("/news/", ()), (article, ()), *SEARCHES]
            ceiling = None
            for path, headers in urls:
                result = wrk(server.base, path, duration, headers)
                ceiling = ceiling or result["rps"]
                label = "/news/<id>" if path == article else path.replace(quote("商会"), "商会")
                mode = "-" if path == "/healthz" else ("cached" if cache else "uncached")
                rows.append((label, mode, result, result["rps"] / ceiling))
                report(label, mode, result)
            if not cache:
                for path, headers in SEARCHES:
                    result = wrk(server.base, path, duration, headers, connections=2)
                    label = path.replace(quote("商会"), "商会")
                    rows.append((label, "uncached, 2 conn.", result, result["rps"] / ceiling))
                    report(label, "uncached, 2 conn.", result)
        finally:
            server.stop()
        loads.append(load_average())
    return rows, " → ".join(loads)


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
    from urllib.parse import urlencode

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
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if "session=" not in header:
        raise RuntimeError(f"could not sign in as {email}")
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
        urls = [("/healthz", (), "/healthz"), ("/members/", member, "/members/"),
                ("/members/notices/", member, "/members/notices/"),
                (f"/members/notices/{ids['notice']}", member, "/members/notices/<id>"),
                ("/members/materials/", member, "/members/materials/"),
                (f"/staff/notices/{ids['report']}/report", editor,
                 "report (2,000 enterprises)")]
        ceiling = None
        for path, headers, label in urls:
            # The report is a staff page asked now and then: measured over 2 connections
            # (one per worker), the time it takes without a queue of 16 in front of it.
            report_page = "report" in label
            result = wrk(server.base, path, duration, headers,
                         connections=2 if report_page else 16)
            ceiling = ceiling or result["rps"]
            mode = "-" if path == "/healthz" else ("signed in, 2 conn." if report_page
                                                  else "signed in")
            rows.append((label, mode, result, result["rps"] / ceiling))
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
    import json

    out = subprocess.run([str(BIN / "python"), "bench/load_members.py"], env=env, cwd=ROOT,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def report(label: str, mode: str, result: dict) -> None:
    print(f"  {label:<20} {mode:<17} {result['rps']:>8.0f} req/s "
          f"p50 {result['p50']:6.2f} ms  p99 {result['p99']:6.2f} ms", flush=True)


def count_articles(env: dict) -> int:
    code = ("from portal import create_app\nfrom portal.extensions import db\n"
            "from sqlalchemy import text\napp = create_app()\nwith app.app_context():\n"
            "    print(db.session.scalar(text('SELECT count(*) FROM articles')))")
    try:
        out = subprocess.run([str(BIN / "python"), "-c", code], env=env, cwd=ROOT,
                             check=True, capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        return -1
    return int(out.strip() or 0)


def prepare(env: dict, size: int, loaded: int, database: str) -> int:
    """Bring the schema up to date; load and index articles up to `size` unless already
    there (a kept database). Returns the number of articles now loaded."""
    flask = [str(BIN / "flask"), "--app", "portal"]
    run([*flask, "db", "upgrade"], env)
    if loaded < 0:
        loaded = count_articles(env)
    if loaded == size:
        print(f"{database}: reusing {size} articles", flush=True)
        analyze(env)
        return size
    if loaded > size:
        raise SystemExit(f"{env['PORTAL_DATABASE_URL']} holds {loaded} articles, more than "
                         f"{size}: remove it, or run without --keep")
    started = time.monotonic()
    run([str(BIN / "python"), "bench/load.py", str(size - loaded)], env)
    run([*flask, "search", "reindex"], env)
    analyze(env)
    print(f"{database}: {size} articles loaded and indexed in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    return size


def analyze(env: dict) -> None:
    """PostgreSQL: fresh statistics, as autovacuum would gather in time (it is off on some
    machines, and without statistics the list pages get a sequential scan and sort)."""
    if env["PORTAL_DATABASE_URL"].startswith("postgresql"):
        name = env["PORTAL_DATABASE_URL"].rsplit("/", 1)[1]
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "VACUUM ANALYZE",
                        name], check=True)


def createdb(name: str) -> None:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "-T", "template0", "-E",
                    "UTF8", "--lc-collate=C.UTF-8", "--lc-ctype=C.UTF-8", name], check=True)


def database_exists(name: str) -> bool:
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc",
                          f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
                         capture_output=True, text=True, check=True).stdout
    return out.strip() == "1"


def dropdb(name: str) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name],
                   check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--duration", type=int, default=6, help="seconds per URL")
    parser.add_argument("--members-only", action="store_true",
                        help="only the member-area pages (and the database they need)")
    parser.add_argument("--no-members", action="store_true",
                        help="leave out the member-area pages (measured in the first size)")
    parser.add_argument("--keep", action="store_true",
                        help="keep each size's database for later runs, and reuse it")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    database = "PostgreSQL" if args.pg else "SQLite"
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    keepdir = ROOT / "instance" / "bench"
    env = dict(os.environ, PORTAL_ENV="production",
               PORTAL_SECRET_KEY="bench-" + secrets.token_hex(16),
               PORTAL_BASE_URL="https://bench.invalid",
               PORTAL_PAGE_CACHE_GENERATION_FILE=str(workdir / "generation"),
               PYTHONPATH=str(ROOT))
    shared = f"portal_bench_{os.getpid()}"  # without --keep: one database grown size by size
    tables: list[tuple[int, list[tuple], str]] = []
    loaded = 0
    try:
        for size in sizes:
            if args.keep:
                name = f"portal_bench_{size}"
                if args.pg and not database_exists(name):
                    createdb(name)
                keepdir.mkdir(parents=True, exist_ok=True)
                url = PG + name if args.pg else f"sqlite:///{keepdir / f'bench-{size}.db'}"
                loaded = -1  # count what is there
            else:
                if args.pg and size == sizes[0]:
                    createdb(shared)
                url = PG + shared if args.pg else f"sqlite:///{workdir / 'bench.db'}"
            env["PORTAL_DATABASE_URL"] = url
            loaded = prepare(env, size, loaded, database)
            if not args.members_only:
                run([str(BIN / "python"), "bench/querytime.py"], env, quiet=False)
            if not args.members_only:
                rows, loads = measure(env, args.duration)
                tables.append((size, rows, loads))
                print_table(database, size, rows, loads, args.duration)
            if size == sizes[0] and not args.no_members:
                # The member area, once, in the first size's database (after its public pages
                # were measured: the member content is not put in the search index).
                started = time.monotonic()
                ids = load_members(env)
                analyze(env)
                print(f"{database}: 2,000 enterprises, 6,000 users, 10,000 notices and 5,000 "
                      f"materials loaded in {time.monotonic() - started:.0f} s", flush=True)
                member_rows = measure_members(env, args.duration, ids)
                print_table(database, size, member_rows, load_average(), args.duration)
    finally:
        if args.pg and not args.keep:
            dropdb(shared)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n======== {database}: all sizes ========")
    for size, rows, loads in tables:
        print_table(database, size, rows, loads, args.duration)
    return 0


def print_table(database: str, size: int, rows: list[tuple], loads: str, duration: int) -> None:
    print(f"\n{database}, {size:,} articles — gunicorn 2 sync workers, wrk -t2 -c16 (\"2 conn.\": "
          f"-c2), {duration} s per URL; load average (1, 5, 15 min) {loads}\n")
    print("| URL | page cache | req/s | p50 ms | p99 ms | vs /healthz | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, mode, result, ratio in rows:
        print(f"| `{label}` | {mode} | {result['rps']:,.0f} | {result['p50']:.2f} | "
              f"{result['p99']:.2f} | {ratio:.0%} | {result['errors']} |")
    print(flush=True)


if __name__ == "__main__":
    sys.exit(main())
