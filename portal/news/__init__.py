"""News: categories and articles, the editors' CMS and the public pages."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditTarget, Feature, MenuEntry

feature = Feature(
    "news",
    audit_actions={
        "article.created": _l("Article created"),
        "article.published": _l("Article published"),
        "article.scheduled": _l("Article scheduled"),
        "article.unpublished": _l("Article unpublished"),
        "article.archived": _l("Article archived"),
        "article.imported": _l("Article imported from the old website"),
    },
    audit_targets={"Article": AuditTarget("portal.news.models:Article",
                                          "portal.news.models:describe_article",
                                          "portal.news.models:article_link")},
    staff_menu=[MenuEntry("staff.news.index", _l("News"), "editor", order=20)],
    public_menu=[MenuEntry("news.index", _l("News"), order=20)],
    public_endpoints=["news.index", "news.category", "news.detail", "news.feed",
                      "news.sitemap"],
    commands=["portal.news.oldsite.cli:import_articles_command"],
    demo="portal.news.demo_content:load_news_demo",
    search_sources=["portal.news.indexing"],
    expiry_sources=["portal.news.services:next_scheduled_change"],
    setup="portal.news.events:setup",
)
