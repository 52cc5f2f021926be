"""Browser tests: Playwright with Debian's Chromium against a live server.

Every page a test reaches is handed to `check_page(page, name)`, which checks it at a desktop
(1280 px) and a phone (375 px) width: a full-page screenshot into tests/e2e/screenshots/,
axe-core (serious and critical violations fail), no sideways scrolling on the phone, the HTML
as served checked by the Nu HTML Checker (errors fail), and no console errors such as CSP
violations. One Chromium and one Nu checker (a Java server) serve the whole session.

The CSP stays enforced in the browser (no bypass_csp): axe is evaluated through the DevTools
protocol, which the page's CSP does not block, so a CSP violation by the portal's own markup
still shows up as a console error.

Environment: PORTAL_CHROMIUM (default /usr/bin/chromium); `java` on the PATH; the npm packages
axe-core and vnu-jar in node_modules/. When one is missing the tests skip (fail in CI, see
tests.conftest.skip_or_fail).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from deploy.nginx.local import free_port, stop_process
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}
BLOCKING_IMPACTS = ("serious", "critical")
FAVICON_HINT = (" -- the page declares no icon, so the browser asks for /favicon.ico: add one "
                "under static/ and a <link rel=\"icon\"> in templates/base.html")
VNU_START_TIMEOUT = 180  # seconds; a cold JVM on a busy two-core machine takes 15-60 s


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def app_config():
    """The browser sends real forms: CSRF stays on, as in production."""
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def demo(app, monkeypatch):
    """The demo content (portal.demo): departments, enterprises, the accounts, site settings.

    The demo password is hashed once per session rather than once per account and test;
    signing in still checks it with the real scrypt hash.
    """
    from werkzeug.security import generate_password_hash

    from portal.demo import load_demo
    from portal.extensions import db

    def hash_once(password, *args, **kwargs):
        if password not in _HASHES:
            _HASHES[password] = generate_password_hash(password, *args, **kwargs)
        return _HASHES[password]

    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr("portal.accounts.services.generate_password_hash", hash_once)
        load_demo()
        db.session.commit()


_HASHES: dict[str, str] = {}


# --- the Nu HTML Checker ---------------------------------------------------------------------


class NuChecker:
    """One `vnu.jar` servlet for the session, started early and awaited on first use."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            ["java", "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
             "-Dnu.validator.servlet.bind-address=127.0.0.1",
             "-cp", str(VNU_JAR), "nu.validator.servlet.Main", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
        )
        self.ready = False

    def _log_tail(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-2000:]

    def wait_ready(self) -> None:
        deadline = time.monotonic() + VNU_START_TIMEOUT
        while not self.ready:
            if self.process.poll() is not None:
                pytest.fail(f"The Nu HTML Checker exited ({self.process.returncode}):\n"
                            + self._log_tail())
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    self.ready = response.status == 200
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"The Nu HTML Checker did not answer within "
                                f"{VNU_START_TIMEOUT} s:\n" + self._log_tail())
                time.sleep(0.2)

    def errors(self, html: bytes) -> list[str]:
        """The checker's errors for one document, each with its line and column."""
        self.wait_ready()
        request = urllib.request.Request(
            self.url + "?out=json", data=html, method="POST",
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine', m.get('firstLine', '?'))}, column "
            f"{m.get('firstColumn', '?')}-{m.get('lastColumn', '?')}: {m['message']}"
            + (f"  «{m['extract'].strip()}»" if m.get("extract") else "")
            for m in messages if m["type"] in ("error", "non-document-error")
        ]

    def stop(self) -> None:
        stop_process(self.process)
        self._log.close()


@pytest.fixture(scope="session", autouse=True)
def nu_checker(tmp_path_factory):
    """Started before the first browser test so the JVM warms up while Chromium starts."""
    if shutil.which("java") is None:
        skip_or_fail("Java is not installed: the Nu HTML Checker cannot run")
    if not VNU_JAR.exists():
        skip_or_fail(f"{VNU_JAR.relative_to(ROOT)} is missing: run `make node`")
    checker = NuChecker(tmp_path_factory.mktemp("vnu") / "vnu.log")
    yield checker
    checker.stop()


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        skip_or_fail(f"Chromium not found at {executable} (install Debian's `chromium` "
                     "or set PORTAL_CHROMIUM)")
    if not AXE_JS.exists():
        skip_or_fail(f"{AXE_JS.relative_to(ROOT)} is missing: run `make node`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True,
        )
        yield browser
        browser.close()


class QuietHandler(WSGIRequestHandler):
    timeout = 30  # an idle keep-alive connection cannot hold the shutdown forever

    def log_request(self, code="-", size="-"):
        pass  # errors are still logged by log_error


@pytest.fixture
def live_server(app):
    """The test's app on a free port; the base URL. Stopped before the app's database goes."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    # Track the request threads so server_close() can wait for them to finish.
    server.daemon_threads = False
    server.block_on_close = True
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@dataclass
class PageLog:
    """What a page saw: console errors and the last document it loaded."""

    console_errors: list[str] = field(default_factory=list)
    document = None  # the playwright Response of the last main-frame document

    def on_console(self, message):
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def on_page_error(self, error):
        self.console_errors.append(f"uncaught: {error}")

    def on_response(self, response):
        if response.request.resource_type == "document" and response.frame.parent_frame is None:
            self.document = response


class Pages:
    """Opens pages, each in its own browser context, and remembers what they saw."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts = []
        self.logs = {}

    def new(self, locale: str = "zh-CN"):
        context = self.browser.new_context(
            base_url=self.base_url, locale=locale, timezone_id="Asia/Shanghai",
            viewport=VIEWPORTS["desktop"],
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        log = self.logs[id(page)] = PageLog()
        page.on("console", log.on_console)
        page.on("pageerror", log.on_page_error)
        page.on("response", log.on_response)
        return page

    def log(self, page) -> PageLog:
        return self.logs[id(page)]

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser, live_server):
    pages = Pages(browser, live_server)
    yield pages
    pages.close()  # before live_server stops: the browser's connections close first


@pytest.fixture
def page(pages):
    """A page in a fresh Chinese browser context (Chinese is the portal's default)."""
    return pages.new("zh-CN")


@pytest.fixture
def new_page(pages):
    """new_page(locale="en") -> a page in another fresh context, e.g. an English browser."""
    return pages.new


# --- checking a page -------------------------------------------------------------------------


def _axe_violations(page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    found = []
    for violation in violations:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            found.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} "
                         f"at {node['target']} — {summary}")
    return found


def _overflow(page) -> str | None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        culprits = page.evaluate("""() => {
            const limit = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
              .filter(el => el.getBoundingClientRect().right > limit + 1)
              .slice(0, 5).map(el => el.tagName.toLowerCase()
                + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''));
        }""")
        return f"the page scrolls sideways ({widths[0]} px wide); too wide: {culprits}"
    return None


@pytest.fixture
def check_page(pages, nu_checker):
    """check_page(page, name): screenshots, axe, HTML, overflow and console checks; fails
    listing every problem found."""

    def check(page, name: str) -> None:
        page.wait_for_load_state("load")
        log = pages.log(page)
        problems = []
        document = log.document
        if document is None or document.url.split("#")[0] != page.url.split("#")[0]:
            problems.append(f"harness: no document response recorded for {page.url}")
        else:
            problems += [f"HTML: {e}" for e in nu_checker.errors(document.body())]
        SCREENSHOTS.mkdir(exist_ok=True)
        for label, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
            problems += [f"axe at {label} {size['width']} px: {v}" for v in _axe_violations(page)]
            if label == "phone" and (overflow := _overflow(page)):
                problems.append(f"layout at {size['width']} px: {overflow}")
        page.set_viewport_size(VIEWPORTS["desktop"])
        # The browser reports the page's own HTTP status (403, 404) as a failed load; the
        # test asserts that status itself.
        errors = [e for e in log.console_errors
                  if not (e.startswith("Failed to load resource") and e.endswith(f"({page.url})"))]
        log.console_errors.clear()
        problems += [f"console: {e}" + (FAVICON_HINT if "/favicon.ico" in e else "")
                     for e in errors]
        if problems:
            pytest.fail(f"{name} ({page.url}) has {len(problems)} problem(s):\n  "
                        + "\n  ".join(problems), pytrace=False)

    return check
