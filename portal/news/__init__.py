"""News: categories and articles, the editors' CMS and the public pages."""

from flask_babel import lazy_gettext as _l

from portal.features import AuditAction, AuditTarget, Feature, MenuEntry

feature = Feature(
    "news",
    audit_actions={
        "article.created": AuditAction(_l("Article created"), _l(
            "%(actor)s created the article %(target)s")),
        "article.published": AuditAction(_l("Article published"), _l(
            "%(actor)s published the article %(target)s")),
        "article.scheduled": AuditAction(_l("Article scheduled"), _l(
            "%(actor)s scheduled the article %(target)s")),
        "article.unpublished": AuditAction(_l("Article unpublished"), _l(
            "%(actor)s withdrew the article %(target)s")),
        "article.archived": AuditAction(_l("Article archived"), _l(
            "%(actor)s archived the article %(target)s")),
        "article.imported": AuditAction(_l("Article imported from the old website"), _l(
            "%(actor)s imported the article %(target)s from the old website")),
    },
    audit_targets={"Article": AuditTarget("portal.news.models:Article",
                                          "portal.news.models:describe_article",
                                          "portal.news.models:article_link", _l("Articles"))},
    staff_menu=[MenuEntry("staff.news.index", _l("News"), "editor", order=20)],
    public_menu=[MenuEntry("news.index", _l("News"), order=20)],
    public_endpoints=["news.index", "news.category", "news.detail", "news.feed",
                      "news.sitemap", "news.views"],
    commands=["portal.news.oldsite.cli:import_articles_command"],
    demo="portal.news.demo_content:load_news_demo",
    search_sources=["portal.news.indexing"],
    expiry_sources=["portal.news.services:next_scheduled_change"],
    setup="portal.news.events:setup",
)
