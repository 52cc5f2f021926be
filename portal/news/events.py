"""Everything that follows a change to an article, in one place.

The news services send `article_changed` (portal/news/services.py) after each change is
flushed and before the caller commits; setup() connects on_article_changed() to it once,
when the app is created. It keeps the search index in step (in the same transaction), and
retires what this worker and the others remember of the public pages: the page cache and
content memos (by bumping the generation), the list counts and the sitemap.
"""

from __future__ import annotations

from flask import current_app

from portal.generation import bump_generation
from portal.news import indexing, services
from portal.news.models import Article


def on_article_changed(article: Article, action: str) -> None:
    """Saving a draft or an archived article changes nothing the public sees; anything else
    (publishing, scheduling, editing a visible article, unpublishing, archiving) does, and a
    new schedule also moves the moment cached pages must expire."""
    indexing.index_article(article)
    services.forget_counts()
    current_app.extensions.pop("news_sitemap", None)
    if not (action in ("created", "updated") and article.status in ("draft", "archived")):
        bump_generation()


def setup(app) -> None:
    """Connect the listener, say who may download article files (and that the editor may
    upload images into bodies: news.models.ArticleImage), and send requests for the old
    website's addresses on to their articles."""
    from portal.files.services import register_access_check, register_image_uploads
    from portal.news.oldsite.addresses import register_old_address_redirects

    services.article_changed.connect(on_article_changed)
    register_access_check(services.FILE_PURPOSE, services.can_download_file)
    register_image_uploads(services.FILE_PURPOSE)
    register_old_address_redirects(app)
