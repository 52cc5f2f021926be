"""`make bench`: the portal under gunicorn (2 sync workers) driven by wrk, at 10k and 100k articles.

    python bench/run.py [--pg] [--sizes 10000,100000] [--duration 10]

SQLite in a temporary folder by default; with --pg a fresh UTF-8 database on
127.0.0.1:5432 (user postgres), dropped at the end. For each size: load the articles
(bench/load.py), rebuild the search index (`flask search reindex`), then run wrk (-t2 -c16,
a 2 s warm-up and `--duration` seconds measured per URL) against the app with the page cache
on, and again with it off for the cacheable pages. /healthz is the ceiling in each run.
Search is never served from the page cache. `/search?q=chamber` is asked in English
(Accept-Language: en), so it searches the English versions.
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
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict, quiet: bool = True) -> None:
    subprocess.run(cmd, env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


class Server:
    def __init__(self, env: dict, cache: bool):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(env, PORTAL_PAGE_CACHE_ENABLED="true" if cache else "false")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{self.port}",
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


def wrk(base: str, path: str, duration: int, headers: tuple[str, ...] = ()) -> dict:
    header_args = [arg for header in headers for arg in ("-H", header)]
    url = base + path
    subprocess.run(["wrk", "-t2", "-c16", "-d2s", *header_args, url], check=True,
                   capture_output=True)
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", *header_args,
                          url], check=True, capture_output=True, text=True).stdout

    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": latency("50"), "p99": latency("99"),
            "errors": int(errors.group(1)) if errors else 0}


def measure(env: dict, size: int, duration: int) -> list[tuple]:
    rows = []
    for cache in (True, False):
        server = Server(env, cache)
        try:
            article = re.search(r'href="(/news/\d+)"', server.get("/news/")).group(1)
            urls = [("/healthz", ()), ("/", ()), ("/news/", ()), (article, ())]
            if cache:
                urls += [("/search?q=" + quote("商会"), ()),
                         ("/search?q=chamber", ("Accept-Language: en",))]
            ceiling = None
            for path, headers in urls:
                result = wrk(server.base, path, duration, headers)
                ceiling = ceiling or result["rps"]
                label = "/news/<id>" if path == article else path.replace(quote("商会"), "商会")
                mode = "-" if path.startswith(("/healthz", "/search")) else (
                    "cached" if cache else "uncached")
                rows.append((size, label, mode, result, result["rps"] / ceiling))
                print(f"  {size:>7} {label:<22} {mode:<9} {result['rps']:>8.0f} req/s "
                      f"p50 {result['p50']:6.2f} ms  p99 {result['p99']:6.2f} ms", flush=True)
        finally:
            server.stop()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database = f"portal_bench_{os.getpid()}"
    url = PG + database if args.pg else f"sqlite:///{workdir / 'bench.db'}"
    env = dict(os.environ, PORTAL_ENV="production", PORTAL_DATABASE_URL=url,
               PORTAL_SECRET_KEY="bench-" + secrets.token_hex(16),
               PORTAL_BASE_URL="https://bench.invalid",
               PORTAL_PAGE_CACHE_GENERATION_FILE=str(workdir / "generation"),
               PYTHONPATH=str(ROOT))
    if args.pg:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "-T", "template0",
                        "-E", "UTF8", "--lc-collate=C.UTF-8", "--lc-ctype=C.UTF-8", database],
                       check=True)
    rows: list[tuple] = []
    try:
        flask = [str(BIN / "flask"), "--app", "portal"]
        run([*flask, "db", "upgrade"], env)
        loaded = 0
        for size in sizes:
            started = time.monotonic()
            run([str(BIN / "python"), "bench/load.py", str(size - loaded)], env)
            loaded = size
            run([*flask, "search", "reindex"], env)
            print(f"{'PostgreSQL' if args.pg else 'SQLite'}: {size} articles loaded and "
                  f"indexed in {time.monotonic() - started:.0f} s", flush=True)
            run([str(BIN / "python"), "bench/querytime.py"], env, quiet=False)
            rows += measure(env, size, args.duration)
    finally:
        if args.pg:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists",
                            database], check=False)
        shutil.rmtree(workdir, ignore_errors=True)
    print_table(rows, "PostgreSQL" if args.pg else "SQLite")
    return 0


def print_table(rows: list[tuple], database: str) -> None:
    print(f"\n{database}, gunicorn 2 sync workers, wrk -t2 -c16\n")
    print("| articles | URL | page cache | req/s | p50 ms | p99 ms | vs /healthz | errors |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for size, label, mode, result, ratio in rows:
        print(f"| {size:,} | `{label}` | {mode} | {result['rps']:,.0f} | {result['p50']:.2f} | "
              f"{result['p99']:.2f} | {ratio:.0%} | {result['errors']} |")


if __name__ == "__main__":
    sys.exit(main())
