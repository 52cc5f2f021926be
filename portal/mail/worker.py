"""Development only: a thread of the dev server delivers queued mail every few seconds.

`make run` starts `flask run` in development, where MAIL_BACKGROUND_SENDER is on: the first
request starts one daemon thread per app that runs the same loop as
`flask --app portal mail send --loop`, so mail lands in instance/mail/ within seconds with no
extra command. It starts on a request, not in create_app(), so CLI commands and tests never
get a thread; production runs the CLI worker instead (gunicorn workers start none).
"""

from __future__ import annotations

import threading

from portal.mail.sender import run_sender_loop

_lock = threading.Lock()


def start_background_sender(app) -> threading.Thread:
    """The app's sender thread, started on the first call."""
    with _lock:
        thread = app.extensions.get("mail.thread")
        if thread is None or not thread.is_alive():
            stop = threading.Event()
            thread = threading.Thread(
                target=run_sender_loop, name="mail-sender", daemon=True,
                args=(app, float(app.config["MAIL_BACKGROUND_INTERVAL"]), stop))
            thread.stop = stop  # type: ignore[attr-defined]
            app.extensions["mail.thread"] = thread
            thread.start()
    return thread


def register_background_sender(app) -> None:
    if not app.config.get("MAIL_BACKGROUND_SENDER"):
        return

    @app.before_request
    def start_mail_sender():
        if "mail.thread" not in app.extensions:
            start_background_sender(app)
