"""The public pages section of `make bench`: home, lists, article and search pages under
gunicorn (2 sync workers) driven by wrk, at 10k and 100k articles.

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

import re
import subprocess
import time
from urllib.parse import quote

from common import (
    Server,
    analyze,
    flask,
    load_articles,
    load_average,
    python,
    python_output,
    ratio_table,
    report,
    section_database,
    wrk,
)

SEARCHES = [("/search?q=" + quote("商会"), ()), ("/search?q=chamber", ("Accept-Language: en",))]


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


def count_articles(env: dict) -> int:
    code = ("from portal import create_app\nfrom portal.extensions import db\n"
            "from sqlalchemy import text\napp = create_app()\nwith app.app_context():\n"
            "    print(db.session.scalar(text('SELECT count(*) FROM articles')))")
    try:
        out = python_output(env, "-c", code)
    except subprocess.CalledProcessError:
        return -1
    return int(out.strip() or 0)


def prepare(env: dict, size: int, loaded: int, database: str) -> int:
    """Load and index articles up to `size` unless already there (a kept database; `loaded`
    -1: count them). Returns the number of articles now loaded."""
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
    load_articles(env, size - loaded)
    flask(env, "search", "reindex")
    analyze(env)
    print(f"{database}: {size} articles loaded and indexed in "
          f"{time.monotonic() - started:.0f} s", flush=True)
    return size


def section(args, env: dict, database: str) -> list[str]:
    """Every size in turn; returns the tables printed, for the summary at the end."""
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.keep:  # a database per size, found again by later runs
        return [text for size in sizes
                for text in measure_sizes(args, env, database, [size], str(size))]
    return measure_sizes(args, env, database, sizes, "public")  # one, grown size by size


def measure_sizes(args, env: dict, database: str, sizes: list[int], label: str) -> list[str]:
    """The tables of `sizes`, in turn, on one database (kept with --keep: portal_bench_<size>
    or instance/bench/bench-<size>.db)."""
    tables = []
    loaded = -1 if args.keep else 0  # -1: count what is there
    with section_database(args, env, label, args.keep, f"bench-{label}.db") as (env, _workdir):
        for size in sizes:
            loaded = prepare(env, size, loaded, database)
            python(env, "bench/querytime.py", quiet=False)
            rows, loads = measure(env, args.duration)
            tables.append(table(database, size, rows, loads, args.duration))
            print(tables[-1], flush=True)
    return tables


def table(database: str, size: int, rows: list[tuple], loads: str, duration: int) -> str:
    return ratio_table(
        f"{database}, {size:,} articles — gunicorn 2 sync workers, wrk -t2 -c16 "
        f"(\"2 conn.\": -c2), {duration} s per URL; load average (1, 5, 15 min) {loads}",
        "page cache", rows)
