"""The HTTP caching section (`caching`) of `make bench`: the public pages through the shipped nginx
configuration (deploy/nginx/portal.conf), from gunicorn directly, and their 304 answers,
beside nginx serving a static copy of the home page, /healthz and a bare Flask hello app.

    python bench/run.py --only caching [--pg] [--duration 6]

One database of HTTP_ARTICLES articles (bench/load.py). nginx runs with one worker
process here (the machine has two cores, and gunicorn's two workers need them when nginx
asks them), as the user running the bench; it is Debian's nginx-light, installed with
apt-get when missing (as root; otherwise the bench says what to install). Rows:

- static copy: nginx serving the home page's bytes from a file (the ceiling);
- via nginx, cached: the page from nginx's cache (revalidated with the portal once per
  second, PAGE_PROXY_MAX_AGE);
- via nginx, 304: the client revalidates the page it holds (If-None-Match), nginx answers;
- gunicorn, cached / 304: the portal alone, its page cache on, with and without the
  client's ETag;
- /healthz and the bare Flask hello app: Python's ceiling.

Targets (printed with the table): pages via nginx ≥ 0.5 × the static copy; gunicorn's
cached pages ≥ 0.6 × the hello app; the portal's 304 answers ≥ 0.8 × /healthz.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from common import (
    FIGURES,
    ROOT,
    Gunicorn,
    Server,
    figures,
    load_articles,
    load_average,
    markdown_table,
    report,
    section_database,
    wrk,
)

sys.path.insert(0, str(ROOT))
from deploy.nginx.local import LocalNginx, nginx_binary  # noqa: E402

HTTP_ARTICLES = 10_000
HELLO = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef hello():\n" \
        "    return 'hello'\n"


def ensure_nginx() -> None:
    """Debian's nginx-light, installed when missing (needs root)."""
    if nginx_binary():
        return
    if os.geteuid() != 0:
        raise SystemExit("bench: nginx is missing: sudo apt-get install nginx-light")
    print("bench: installing nginx-light", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    "nginx-light"], check=True, env=dict(os.environ,
                                                        DEBIAN_FRONTEND="noninteractive"))


class Hello(Gunicorn):
    """A bare Flask app under gunicorn with the portal's settings (gunicorn.conf.py, 2 sync
    workers, the access log discarded as for the portal), so the two compare like for like."""

    def __init__(self, workdir: Path, env: dict):
        (workdir / "hello_app.py").write_text(HELLO)
        super().__init__("hello_app:app", env, (
            "-c", str(ROOT / "gunicorn.conf.py"), "--access-logfile", os.devnull,
            "--chdir", str(workdir)))


def etag_of(base: str, path: str) -> str:
    return urllib.request.urlopen(base + path, timeout=10).headers["ETag"]


def section(args, env: dict, database: str) -> list[str]:
    ensure_nginx()
    with section_database(args, env, "http", sqlite_name="bench.db") as (env, workdir):
        env["PORTAL_TRUSTED_HOSTS"] = '["127.0.0.1", "localhost"]'
        loads = [load_average()]
        load_articles(env, HTTP_ARTICLES)
        rows = measure(env, workdir, args.duration)
        loads.append(load_average())
    text = table(database, rows, " → ".join(loads), args.duration)
    print(text, flush=True)
    return [text]


def measure(env: dict, workdir: Path, duration: int) -> list[tuple]:
    rows = []

    def add(label: str, mode: str, base: str, path: str, headers: tuple = ()) -> dict:
        result = wrk(base, path, duration, headers)
        rows.append((label, mode, result))
        report(label, mode, result)
        return result

    hello = Hello(workdir, env)
    try:
        add("hello (bare Flask)", "gunicorn", hello.base, "/")
    finally:
        hello.stop()
    server = Server(env, cache=True)
    try:
        home = server.get("/")
        article = re.search(r'href="(/news/\d+)"', server.get("/news/")).group(1)
        pages = [("/", "/"), ("/news/", "/news/"), ("/news/<id>", article)]
        static = ROOT / "static" / "bench-home.html"
        static.write_text(home)
        try:
            add("/healthz", "gunicorn", server.base, "/healthz")
            for label, path in pages:
                add(label, "gunicorn, cached", server.base, path)
                add(label, "gunicorn, 304", server.base, path,
                    (f"If-None-Match: {etag_of(server.base, path)}",))
            with LocalNginx(f"127.0.0.1:{server.port}", workdir / "nginx") as nginx:
                add("static copy of /", "nginx", nginx.base, "/static/bench-home.html")
                for label, path in pages:
                    add(label, "nginx, cached", nginx.base, path)
                    add(label, "nginx, 304", nginx.base, path,
                        (f"If-None-Match: {etag_of(nginx.base, path)}",))
        finally:
            static.unlink()
    finally:
        server.stop()
    return rows


def _rps(rows, label, mode) -> float:
    return next(result["rps"] for row_label, row_mode, result in rows
                if row_label == label and row_mode == mode)


def table(database: str, rows: list[tuple], loads: str, duration: int) -> str:
    heading = (f"{database}, {HTTP_ARTICLES:,} articles — HTTP caching: nginx (1 worker, "
               f"deploy/nginx/portal.conf) and gunicorn (2 sync workers), wrk -t2 -c16, "
               f"{duration} s per URL; load average {loads}")
    text = markdown_table(heading, ["URL", "served by", *FIGURES, "errors:"],
                          [[f"`{label}`", mode, *figures(result), result["errors"]]
                           for label, mode, result in rows])
    static = _rps(rows, "static copy of /", "nginx")
    hello = _rps(rows, "hello (bare Flask)", "gunicorn")
    healthz = _rps(rows, "/healthz", "gunicorn")
    lines = ["\nTargets:"]
    for label in ("/", "/news/", "/news/<id>"):
        nginx = _rps(rows, label, "nginx, cached")
        cached = _rps(rows, label, "gunicorn, cached")
        not_modified = _rps(rows, label, "gunicorn, 304")
        lines.append(
            f"- `{label}`: via nginx {nginx / static:.2f} × static (≥ 0.5 "
            f"{'met' if nginx / static >= 0.5 else 'NOT met'}); gunicorn cached "
            f"{cached / hello:.2f} × hello (≥ 0.6 {'met' if cached / hello >= 0.6 else 'NOT met'}"
            f"); 304 {not_modified / healthz:.2f} × /healthz (≥ 0.8 "
            f"{'met' if not_modified / healthz >= 0.8 else 'NOT met'})")
    return text + "\n".join(lines) + "\n"
