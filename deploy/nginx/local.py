"""Run the shipped nginx configuration (portal.conf, portal-proxy.conf) on this machine, in
front of a portal listening on some port: for the browser tests (tests/e2e) and
`make bench`. Everything nginx writes goes to a temporary folder; it runs as the user
running this (as root, its workers stay root: they read the checkout and that folder).

    with LocalNginx(upstream="127.0.0.1:8000", workdir=Path(...)) as nginx:
        urllib.request.urlopen(nginx.base + "/")

`free_port()` and `stop_process()` serve the browser tests' other servers too.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# What portal.conf says for production, and what a local run puts there instead.
PRODUCTION = {
    "upstream": "server 127.0.0.1:8000;",
    "listen": "listen 80;",
    "cache": "/var/cache/nginx/portal",
    "static": "/srv/portal/static/",
    "proxy": "/etc/nginx/portal-proxy.conf",
}


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/sbin/nginx") if os.path.exists(path)), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Asks a process to end (SIGTERM), and kills it when it has not after `timeout` s."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def render(upstream: str, port: int, workdir: Path, worker_processes: int = 1) -> Path:
    """The shipped files with local values, and a main nginx.conf including them."""
    local = {"upstream": f"server {upstream};", "listen": f"listen 127.0.0.1:{port};",
             "cache": str(workdir / "cache"), "static": f"{ROOT / 'static'}/",
             "proxy": str(workdir / "portal-proxy.conf")}
    text = (HERE / "portal.conf").read_text()
    for name, value in PRODUCTION.items():
        if value not in text:
            raise RuntimeError(f"deploy/nginx/portal.conf no longer says {value!r}")
        text = text.replace(value, local[name])
    (workdir / "portal.conf").write_text(text)
    shutil.copy(HERE / "portal-proxy.conf", workdir / "portal-proxy.conf")
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {workdir / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = workdir / "nginx.conf"
    main.write_text(f"""{user}worker_processes {worker_processes};
pid {workdir / 'nginx.pid'};
error_log {workdir / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
{temp}
    include {workdir / 'portal.conf'};
}}
""")
    return main


class LocalNginx:
    def __init__(self, upstream: str, workdir: Path, worker_processes: int = 1):
        binary = nginx_binary()
        if binary is None:
            raise FileNotFoundError("nginx is not installed (Debian: apt-get install nginx-light)")
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = render(upstream, self.port, workdir, worker_processes)
        command = [binary, "-c", str(config), "-p", str(workdir), "-e",
                   str(workdir / "error.log"), "-g", "daemon off;"]
        check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError("nginx refused the configuration:\n" + check.stderr)
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.base + "/static/img/favicon.svg", timeout=1).read()
                break
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("nginx did not start:\n" + self.log()) from None
                time.sleep(0.05)

    def log(self) -> str:
        path = self.workdir / "error.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            stop_process(self.process)

    def __enter__(self) -> LocalNginx:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
