"""News rules: which articles the public sees, and the editors' changes to articles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select

from portal.database import utcnow
from portal.news.models import Article


def visibility_condition(now: datetime | None = None):
    """The SQL condition for "the public may see this article now".

    Published, or scheduled with its time come: a scheduled article appears by itself.
    """
    return and_(Article.status.in_(("published", "scheduled")),
                Article.publish_at <= (now or utcnow()))


def visible_articles(now: datetime | None = None):
    """A select() of the articles the public may see now; every public list starts here."""
    return select(Article).where(visibility_condition(now))
