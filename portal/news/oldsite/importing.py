"""Importing saved old-site pages as articles, with their files and old addresses.

One page makes one article: published at its old time when the page was read with
confidence, otherwise a draft for an editor to check (parsing.ParsedArticle.problems says
why). A page is never imported twice: not when its old address is already recorded, and
not when an article with the same title and time exists (the same page saved twice, as
HTML and as text). The caller commits after each page, so one bad page costs only itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from flask import current_app, url_for
from sqlalchemy import select

from portal.audit.services import record_event
from portal.extensions import db
from portal.files.services import UploadRejected, save_bytes
from portal.news import services
from portal.news.models import Article, ArticleAttachment, Category
from portal.news.oldsite import addresses
from portal.news.oldsite.htmlpage import decode, page_titles, read_html
from portal.news.oldsite.parsing import SENTENCE_PUNCTUATION, Block, ParsedArticle, parse_blocks

PAGE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".txt"})
FILE_SUFFIXES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et",
                           "zip", "rar", "7z", "jpg", "jpeg", "png", "gif", "webp", "bmp"})
MAX_PAGE_BYTES = 5 * 1024 * 1024
SUMMARY_LENGTH = 120
PROSE_LENGTH = 30  # a paragraph of at least this many characters, with punctuation: prose


class CommandActor:
    """Who the audit log and the articles name for a command run: nobody signed in."""

    id = None


@dataclass
class PageReport:
    path: Path
    outcome: str  # "imported", "draft", "skipped" or "failed"
    reason: str = ""  # why skipped or failed
    article_id: int | None = None
    title: str = ""
    problems: list[str] = field(default_factory=list)  # why a draft
    notes: list[str] = field(default_factory=list)  # files not found or refused, no address


def collect_pages(paths) -> list[tuple[Path, Path]]:
    """(page, root) for each page named or found in a named folder; the root is what the
    old address is made relative to. Folders of a saved page's files (x_files) are skipped."""
    found = []
    for given in map(Path, paths):
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                inside = path.relative_to(given).parts[:-1]
                if (path.is_file() and path.suffix.lower() in PAGE_SUFFIXES
                        and not any(p.endswith(("_files", ".files")) for p in inside)):
                    found.append((path, given))
        else:
            found.append((given, given.parent))
    return found


def find_category(slug: str | None) -> Category | None:
    """The category named, or the first one in the site's order when none is named."""
    query = select(Category).order_by(Category.position, Category.id)
    if slug:
        query = query.where(Category.slug == slug)
    return db.session.scalars(query.limit(1)).first()


def old_address_of(page: Path, root: Path, declared: str, prefix: str | None) -> str:
    """The page's own record of its address (saved-from mark, canonical link), else the
    prefix plus the page's path under the folder given (a text copy loses its .txt)."""
    if declared and urlsplit(declared).scheme in ("http", "https"):
        return addresses.normalise(declared)
    if not prefix:
        return ""
    relative = page.relative_to(root).as_posix()
    if relative.lower().endswith(".txt"):
        relative = relative[:-4]
    return addresses.normalise(prefix.rstrip("/") + "/" + relative)


def import_page(path: Path, root: Path, category: Category, prefix: str | None = None,
                actor=None) -> PageReport:
    """Import one saved page (flushes; the caller commits, or rolls back on an exception)."""
    actor = actor or CommandActor()
    if path.suffix.lower() not in PAGE_SUFFIXES:
        return PageReport(path, "skipped", "not an .html, .htm or .txt file")
    if not path.is_file():
        return PageReport(path, "skipped", "no such file")
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        return PageReport(path, "skipped", "larger than 5 MB: not a saved article page")
    is_html = path.suffix.lower() != ".txt"
    text, decoded_cleanly = decode(data, html=is_html)
    declared, links, titles = "", {}, []
    if is_html:
        page = read_html(text)
        blocks, declared, links, titles = page.blocks, page.address, page.links, page_titles(page)
    else:
        blocks = [Block(line) for line in text.splitlines()]
    parsed = parse_blocks(blocks, titles, plain_text=not is_html)
    if not decoded_cleanly:
        parsed.problems.append("some characters could not be read (unknown text encoding)")
    if not _looks_like_an_article(parsed):
        return PageReport(path, "skipped", "no article found (no author/source/time line and "
                                           "no paragraph of prose)")
    address = old_address_of(path, root, declared, prefix)
    if not parsed.title:
        parsed.title = path.stem[:200]
        parsed.problems.append("no title found (the file name is used)")
    report = PageReport(path, "draft" if parsed.problems else "imported", title=parsed.title,
                        problems=parsed.problems)
    assets = _read_assets(parsed, path, root, links, report)  # before the database is asked
    existing = _already_imported(parsed, address)
    if existing:
        return PageReport(path, "skipped", existing, title=parsed.title)
    if not address:
        report.notes.append("no old address recorded (the page has none: give --old-url-prefix)")
    article = _create(actor, parsed, category, assets, report)
    if address:
        addresses.set_old_addresses(article, address)
    report.article_id = article.id
    record_event(actor, "article.imported", article, page=path.name[:120], old_address=address,
                 draft=bool(parsed.problems))
    return report


def _looks_like_an_article(parsed: ParsedArticle) -> bool:
    if not parsed.paragraphs:
        return False
    if "no author/source/time line" not in parsed.problems:
        return True
    return any(len(p) >= PROSE_LENGTH and SENTENCE_PUNCTUATION.search(p)
               for p in parsed.paragraphs)


def _already_imported(parsed: ParsedArticle, address: str) -> str:
    """Why the page is already here ("" when it is not)."""
    if address:
        owner = addresses.owner_of(address)
        if owner is not None:
            return f"already imported as article {owner} (old address {address})"
    when = (Article.publish_at.is_(None) if parsed.published is None
            else Article.publish_at == parsed.published)
    same = db.session.scalar(select(Article.id).where(
        Article.title_zh == parsed.title, when).limit(1))
    return f"already imported as article {same} (same title and time)" if same else ""


@dataclass
class Asset:
    """A file found next to the page: an image of the body (at `block`), or an attachment."""

    name: str
    data: bytes
    label: str  # as the page named it, for the report
    block: int | None = None  # the image's index in parsed.body


def _read_assets(parsed: ParsedArticle, path: Path, root: Path, links: dict,
                 report: PageReport) -> list[Asset]:
    """The body's images and the files its links point to, read from disk (those not found
    are noted in the report)."""
    wanted = [(href, text, n) for n, (text, href) in enumerate(
        (b.text, b.image) for b in parsed.body) if href is not None]
    wanted += [(href, text, None) for index in parsed.body_lines
               for href, text in links.get(index, ()) if _extension(href) in FILE_SUFFIXES]
    assets = []
    for href, text, block in wanted:
        label = PurePosixPath(unquote(urlsplit(href).path)).name or href[:80]
        found = _find_asset(path, root, href)
        if found is None:
            report.notes.append(f"{label}: not found next to the page")
            continue
        named = re.search(rf"\.{re.escape(found.suffix[1:])}$", text.strip(), re.IGNORECASE)
        name = text.strip() if block is None and found.suffix and named else found.name
        assets.append(Asset(name, found.read_bytes(), label, block))
    return assets


def _create(actor, parsed: ParsedArticle, category: Category, assets: list[Asset],
            report: PageReport) -> Article:
    """The article with its images (in the body, and attached so that readers may open
    them: portal/news/services.py can_download_file) and attachments."""
    stored_files, images = [], {}
    for asset in assets:
        try:
            stored = save_bytes(actor, asset.name, asset.data, services.ATTACHMENT_KINDS,
                                services.FILE_PURPOSE)
        except UploadRejected as error:
            report.notes.append(f"{asset.label}: not imported ({error})")
            continue
        stored_files.append(stored)
        if asset.block is not None:
            images[asset.block] = stored
    body = []
    for n, block in enumerate(parsed.body):
        if block.image is None:
            body.append(f"<p>{escape(block.text)}</p>")
        elif n in images:
            body.append(f'<p><img src="{escape(_file_url(images[n]))}" '
                        f'alt="{escape(block.text)}"></p>')
    first = parsed.paragraphs[0] if parsed.paragraphs else ""
    article = services.create_article(actor, {
        "category_id": category.id, "title_zh": parsed.title, "author": parsed.author,
        "source": parsed.source, "body_zh": "".join(body),
        "summary_zh": first if len(first) <= SUMMARY_LENGTH else first[:SUMMARY_LENGTH] + "…",
    })
    for position, stored in enumerate(stored_files):
        article.attachment_links.append(ArticleAttachment(file=stored, position=position))
    if parsed.problems:
        article.publish_at = parsed.published  # kept for the editor, who decides
        db.session.flush()
    else:
        try:
            services.publish_article(actor, article, now=parsed.published)
        except services.ArticleRuleBroken as error:  # e.g. nothing left of the body
            report.outcome = "draft"
            report.problems.append(str(error))
            article.publish_at = parsed.published
            db.session.flush()
    return article


def _extension(href: str) -> str:
    name = PurePosixPath(unquote(urlsplit(href).path)).name
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _find_asset(page: Path, root: Path, href: str) -> Path | None:
    """The file a link or image of the page points to, when it was saved next to the page
    (a browser's "<page>_files" folder, the page's own folder, or under the folder given)."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https", "file"):
        return None
    name = unquote(parts.path)
    base = PurePosixPath(name).name
    if not base:
        return None
    candidates = []
    if not parts.scheme and not parts.netloc:
        candidates.append((root / name.lstrip("/")) if name.startswith("/")
                          else page.parent / name)
    candidates += [page.parent / f"{page.stem}_files" / base,
                   page.parent / f"{page.stem}.files" / base, page.parent / base]
    return next((c for c in candidates if c.is_file()), None)


def _file_url(stored) -> str:
    """The download address of a file, as the body links it (made outside any request)."""
    with current_app.test_request_context():
        return url_for("files.download", file_id=stored.id, name=stored.original_name)
