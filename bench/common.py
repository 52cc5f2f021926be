"""What every section of `make bench` uses: a gunicorn server as in production, wrk, and the
PostgreSQL databases a run creates."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

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


def flask(env: dict, *args: str) -> None:
    """`flask --app portal …` on the section's database (e.g. `db upgrade`)."""
    run([str(BIN / "flask"), "--app", "portal", *args], env)


def python(env: dict, *args: str, quiet: bool = True) -> None:
    """A script of bench/ (or `-c` code) in the section's environment."""
    run([str(BIN / "python"), *args], env, quiet)


def load_articles(env: dict, count: int) -> None:
    """Adds `count` synthetic articles (bench/load.py)."""
    python(env, "bench/load.py", str(count))


def python_output(env: dict, *args: str) -> str:
    """What a script (or `-c` code) in the section's environment printed."""
    return subprocess.run([str(BIN / "python"), *args], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Gunicorn:
    """`app` under gunicorn with 2 sync workers on a free port, once it answers `ready`."""

    def __init__(self, app: str, env: dict, options: tuple[str, ...] = (), ready: str = "/"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), *options, "-w", "2", "-k", "sync",
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", app], env=env, cwd=ROOT)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + ready, timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start {app}")

    def get(self, path: str) -> str:
        return urllib.request.urlopen(self.base + path, timeout=10).read().decode()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


class Server(Gunicorn):
    """The portal as in production (gunicorn.conf.py), its page cache on or off."""

    def __init__(self, env: dict, cache: bool):
        super().__init__("portal:create_app()",
                         dict(env, PORTAL_PAGE_CACHE_ENABLED="true" if cache else "false"),
                         ("-c", str(ROOT / "gunicorn.conf.py"), "--access-logfile", os.devnull),
                         ready="/healthz")


def wrk(base: str, path: str, duration: int, headers: tuple[str, ...] = (),
        connections: int = 16, script: Path | None = None) -> dict:
    """wrk's figures for one URL; `script`: a Lua script (e.g. to POST a form)."""
    header_args = [arg for header in headers for arg in ("-H", header)]
    if script is not None:
        header_args += ["-s", str(script)]
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


FIGURES = ["req/s:", "p50 ms:", "p99 ms:"]


def figures(result: dict) -> list[str]:
    """The cells of `FIGURES` for one wrk result."""
    return [f"{result['rps']:,.0f}", f"{result['p50']:.2f}", f"{result['p99']:.2f}"]


def markdown_table(heading: str, columns: list[str], rows: list[list]) -> str:
    """`heading` over a Markdown table; a column whose name ends in ":" is right-aligned."""
    names = [column.removesuffix(":") for column in columns]
    rules = ["---:" if column.endswith(":") else "---" for column in columns]
    lines = [f"\n{heading}\n", f"| {' | '.join(names)} |", f"|{'|'.join(rules)}|"]
    lines += [f"| {' | '.join(str(cell) for cell in row)} |" for row in rows]
    return "\n".join(lines) + "\n"


def ratio_table(heading: str, mode: str, rows: list[tuple], code: bool = True) -> str:
    """The table of rows (label, mode, wrk result, req/s as a share of /healthz's); `mode`
    names the second column; `code`: labels set as code (URLs)."""
    return markdown_table(
        heading, ["URL", mode, *FIGURES, "vs /healthz:", "errors:"],
        [[f"`{label}`" if code else label, row_mode, *figures(result), f"{ratio:.0%}",
          result["errors"]] for label, row_mode, result, ratio in rows])


def report(label: str, mode: str, result: dict) -> None:
    print(f"  {label:<20} {mode:<17} {result['rps']:>8.0f} req/s "
          f"p50 {result['p50']:6.2f} ms  p99 {result['p99']:6.2f} ms", flush=True)


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


@contextmanager
def section_database(args, env: dict, label: str, keep: bool = False,
                     sqlite_name: str | None = None):
    """A section's database, at the newest schema, and scratch folder: yields the environment
    naming them (the database, the page cache's generation file in the folder) and the
    folder. PostgreSQL with --pg, else SQLite. Kept (`keep`): portal_bench_<label> or
    instance/bench/<sqlite_name>, made once and found again by later runs; otherwise made
    for this run and dropped after it, as the folder is."""
    name = f"portal_bench_{label}" if keep else f"portal_bench_{label}_{os.getpid()}"
    if args.pg and not (keep and database_exists(name)):
        createdb(name)
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-bench-{label}-"))
    try:
        if args.pg:
            url = PG + name
        else:
            folder = ROOT / "instance" / "bench" if keep else workdir
            folder.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{folder / (sqlite_name or f'{label}.db')}"
        env = dict(env, PORTAL_DATABASE_URL=url,
                   PORTAL_PAGE_CACHE_GENERATION_FILE=str(workdir / "generation"))
        flask(env, "db", "upgrade")
        yield env, workdir
    finally:
        if args.pg and not keep:
            dropdb(name)
        shutil.rmtree(workdir, ignore_errors=True)
