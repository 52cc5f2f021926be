"""The write-load section of `make bench`: a fresh database with accounts (bench/writeseed.py),
gunicorn as for the pages, and bench/writeload.py's browsers for --write-duration seconds
(log-ins, profile saves, publishes and invitations from 16 connections, one import of 5,000
enterprises), then every acknowledged change looked up in the database. Log-in limits are
raised: every browser is here."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from common import BIN, PG, ROOT, Server, createdb, dropdb, load_average, run


def section(args, env: dict, database: str) -> list[str]:
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-write-"))
    name = f"portal_bench_write_{os.getpid()}"
    if args.pg:
        createdb(name)
    url = PG + name if args.pg else f"sqlite:///{workdir / 'write.db'}"
    wenv = dict(env, PORTAL_DATABASE_URL=url,
                PORTAL_PAGE_CACHE_GENERATION_FILE=str(workdir / "generation"),
                PORTAL_LOGIN_LIMIT_PER_ADDRESS="100000 per minute",
                PORTAL_LOGIN_LIMIT_PER_ACCOUNT="100000 per minute")
    try:
        run([str(BIN / "flask"), "--app", "portal", "db", "upgrade"], wenv)
        run([str(BIN / "python"), "bench/writeseed.py", "16"], wenv)
        server = Server(wenv, cache=True)
        loads = [load_average()]
        title = (f"\n{database}, write load — gunicorn 2 sync workers, 16 connections "
                 f"(browsers with their own sessions), {args.write_duration} s, one import "
                 f"of 5,000 enterprises from the 3rd second\n")
        print(title, flush=True)
        try:
            out = subprocess.run([str(BIN / "python"), "bench/writeload.py", server.base,
                                  "--duration", str(args.write_duration), "--connections", "16"],
                                 env=wenv, cwd=ROOT, check=False, capture_output=True, text=True)
        finally:
            server.stop()
        print(out.stdout, out.stderr, sep="", flush=True)
        loads.append(load_average())
        footer = f"load average (1, 5, 15 min) {' → '.join(loads)}"
        print(footer, flush=True)
        return [title + out.stdout + footer]
    finally:
        if args.pg:
            dropdb(name)
