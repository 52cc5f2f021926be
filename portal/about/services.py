"""About pages: reading them for the site and the navigation, and the editors' changes.

Every change bumps the page-cache generation (the navigation of every page shows the
titles and order) and is recorded in the audit log.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.about.models import AboutPage
from portal.audit.services import record_event
from portal.errors import NotFound, PortalError
from portal.extensions import db
from portal.generation import bump_generation, content_memo
from portal.richtext import is_blank, sanitise_html

FIELDS = ("slug", "title_zh", "title_en", "body_zh", "body_en", "in_navigation")


class AboutPageRuleBroken(PortalError):
    pass


def list_pages() -> list[AboutPage]:
    return list(db.session.scalars(select(AboutPage).order_by(AboutPage.position,
                                                              AboutPage.id)))


def get_page(page_id: int) -> AboutPage:
    page = db.session.get(AboutPage, page_id)
    if page is None:
        raise NotFound()
    return page


def public_page(slug: str) -> AboutPage:
    """The page at /about/<slug>; raises NotFound."""
    page = db.session.scalars(select(AboutPage).where(AboutPage.slug == slug)).first()
    if page is None:
        raise NotFound()
    return page


def navigation_entries(language: str) -> list[tuple[str, str, dict]]:
    """The pages shown in the main navigation, in the staff's order (one query per content
    generation and worker)."""
    memo = content_memo("about_navigation")
    if "rows" not in memo:
        memo["rows"] = db.session.execute(
            select(AboutPage.slug, AboutPage.title_zh, AboutPage.title_en, AboutPage.body_en)
            .where(AboutPage.in_navigation.is_(True))
            .order_by(AboutPage.position, AboutPage.id)).all()
    return [("about.page", title_en if language == "en" and title_en and body_en.strip()
             else title_zh, {"slug": slug})
            for slug, title_zh, title_en, body_en in memo["rows"]]


def sitemap_entries() -> list[tuple[str, dict]]:
    return [("about.page", {"slug": slug}) for slug in
            db.session.scalars(select(AboutPage.slug).order_by(AboutPage.position))]


def _apply(page: AboutPage, data: dict) -> None:
    page.slug = (data.get("slug") or "").strip().lower()
    page.title_zh = (data.get("title_zh") or "").strip()
    page.title_en = (data.get("title_en") or "").strip()
    page.body_zh = sanitise_html(data.get("body_zh"))
    page.body_en = sanitise_html(data.get("body_en"))
    page.in_navigation = bool(data.get("in_navigation"))
    if not page.title_zh or is_blank(page.body_zh):
        raise AboutPageRuleBroken(_l("A page needs a Chinese title and text."))
    if bool(page.title_en) != (not is_blank(page.body_en)):
        raise AboutPageRuleBroken(_l(
            "The English version needs both a title and a text (or neither)."))
    taken = db.session.scalar(select(AboutPage.id).where(
        AboutPage.slug == page.slug, AboutPage.id != (page.id or 0)))
    if taken:
        raise AboutPageRuleBroken(_l("Another page already has this address."))


def create_page(actor, data: dict) -> AboutPage:
    """A new page at the end of the navigation; raises AboutPageRuleBroken."""
    page = AboutPage(updated_by_id=actor.id)
    _apply(page, data)
    last = db.session.scalar(select(func.max(AboutPage.position)))
    page.position = (last or 0) + 1
    db.session.add(page)
    db.session.flush()
    record_event(actor, "about_page.created", page)
    bump_generation()
    return page


def update_page(actor, page: AboutPage, data: dict) -> AboutPage:
    """Save edits (shown at once); raises AboutPageRuleBroken."""
    _apply(page, data)
    page.updated_by_id = actor.id
    db.session.flush()
    record_event(actor, "about_page.updated", page)
    bump_generation()
    return page


def move_page(actor, page: AboutPage, step: int) -> AboutPage:
    """One place earlier (step -1) or later (+1) in the navigation; at an end, no change."""
    pages = list_pages()
    index = pages.index(page)
    other = index + step
    if 0 <= other < len(pages):
        pages[index], pages[other] = pages[other], pages[index]
        for position, each in enumerate(pages, start=1):
            each.position = position
        db.session.flush()
        record_event(actor, "about_page.moved", page, position=other + 1)
        bump_generation()
    return page


def delete_page(actor, page: AboutPage) -> None:
    record_event(actor, "about_page.deleted", page, slug=page.slug)
    db.session.delete(page)
    db.session.flush()
    bump_generation()
