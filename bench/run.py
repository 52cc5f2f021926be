"""`make bench`: the portal under load, section by section, as in production (gunicorn with
2 sync workers, driven by wrk or by a load driver of the section's own).

    python bench/run.py [--pg] [--only SECTION …] [--sizes 10000,100000] [--duration 6] [--keep]

SQLite in a temporary folder by default; with --pg fresh UTF-8 databases on 127.0.0.1:5432
(user postgres), dropped at the end. Each section is a module of this folder with a
`section(args, env, database)` function that prints its tables as it goes and returns them;
they are printed again together at the end. The load average of the machine is printed
with each table: other work on the machine lowers every figure.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from importlib import import_module

from common import ROOT  # (bench/ is on the path: Python puts a script's folder first)

# The sections, in the order they run: each is bench/<name>.py.
SECTIONS = ["public", "caching", "editor", "writes", "members", "staff", "enquiries"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--sizes", default="10000,100000",
                        help="numbers of articles of the public pages section")
    parser.add_argument("--duration", type=int, default=6, help="seconds per URL")
    parser.add_argument("--write-duration", type=int, default=20,
                        help="seconds of the write load (section writes)")
    parser.add_argument("--keep", action="store_true",
                        help="keep each size's database for later runs, and reuse it")
    parser.add_argument("--enquiries", type=int, default=100_000,
                        help="enquiries loaded for the enquiries section")
    parser.add_argument("--submit-seconds", type=float, default=20.0,
                        help="seconds of enquiry submissions in the enquiries section")
    args = parser.parse_args()
    database = "PostgreSQL" if args.pg else "SQLite"
    env = dict(os.environ, PORTAL_ENV="production",
               PORTAL_SECRET_KEY="bench-" + secrets.token_hex(16),
               PORTAL_BASE_URL="https://bench.invalid", PYTHONPATH=str(ROOT))
    tables = []
    for name in args.only or SECTIONS:
        print(f"\n==== {database}: {name} ====", flush=True)
        tables += import_module(name).section(args, env, database)
    print(f"\n======== {database}: all sections ========")
    for text in tables:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
