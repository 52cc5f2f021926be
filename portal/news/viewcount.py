"""Counting article views without putting readers in the queue for SQLite's write lock.

Each worker process counts views in memory and adds them to the database in one short
UPDATE transaction when VIEW_FLUSH_EVERY views are pending or the oldest pending view is
VIEW_FLUSH_SECONDS old. The flush runs after the response has been sent
(response.call_on_close), so the reader who triggers it does not wait for it either, and
only one request in N touches the write lock at all. The price: a crash loses at most the
pending views of that worker, and the count shown may lag by the other workers' pending
views. A clean exit flushes (atexit). Redis is not needed for this.

A view is not an edit: the UPDATE sets updated_at to itself, so the column's onupdate (the
modification time the CMS list is ordered by) does not fire for readers.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter

from flask import current_app
from sqlalchemy import bindparam, update

from portal.extensions import db
from portal.news.models import Article

log = logging.getLogger(__name__)


class ViewCounter:
    def __init__(self, app):
        self.app = app
        self.pending: Counter[int] = Counter()
        self.since = time.monotonic()
        self.lock = threading.Lock()

    def add(self, article_id: int) -> bool:
        """Count one view; True when a flush is due."""
        with self.lock:
            if not self.pending:
                self.since = time.monotonic()
            self.pending[article_id] += 1
            total = sum(self.pending.values())
            config = self.app.config
            return (total >= config.get("VIEW_FLUSH_EVERY", 50)
                    or time.monotonic() - self.since >= config.get("VIEW_FLUSH_SECONDS", 30))

    def pending_for(self, article_id: int) -> int:
        return self.pending.get(article_id, 0)

    def flush(self) -> int:
        """Write the pending counts in one short transaction; the number of views written."""
        with self.lock:
            batch, self.pending = self.pending, Counter()
        if not batch:
            return 0
        try:
            with self.app.app_context(), db.engine.begin() as conn:
                conn.execute(update(Article).where(Article.id == bindparam("aid")).values(
                    view_count=Article.view_count + bindparam("n"),
                    updated_at=Article.updated_at),
                    [{"aid": aid, "n": n} for aid, n in batch.items()])
        except Exception:  # the counts are not worth a failed page: keep them for next time
            log.exception("could not write %d article views", sum(batch.values()))
            with self.lock:
                self.pending.update(batch)
            return 0
        return sum(batch.values())


def counter() -> ViewCounter:
    app = current_app._get_current_object()
    if "news_views" not in app.extensions:
        app.extensions["news_views"] = ViewCounter(app)
        if not app.testing:
            atexit.register(app.extensions["news_views"].flush)
    return app.extensions["news_views"]


def count_view(article_id: int, response=None) -> None:
    """Count a view of the article; flush after `response` is sent when a flush is due (at
    once without a response)."""
    views = counter()
    if views.add(article_id):
        if response is not None:
            response.call_on_close(views.flush)
        else:
            views.flush()


def shown_count(article: Article) -> int:
    """The count to show: the stored one plus this worker's views not yet written."""
    return article.view_count + counter().pending_for(article.id)
