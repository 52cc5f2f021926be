"""Demo news: load_news_demo() adds the demo categories and articles (their prose is in
portal/news/demo/, a module per category); load_synthetic_articles() bulk-inserts N filler
articles for benchmarks.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select

from portal.accounts.services import find_user_by_email
from portal.extensions import db
from portal.files.samples import docx_document, pdf_document
from portal.files.services import save_bytes
from portal.news.demo import chamber_news, member_profiles, notices, party_building, policies
from portal.news.demo.base import CATEGORIES, ENGLISH_NAMES, GENERAL, TODAY, to_html
from portal.news.models import Article, ArticleAttachment, Category

DEMO_EDITOR = "editor@example.org"  # one of the demo accounts (portal/users/demo.py)
# In the categories' order (the order decides the ids and publish times).
ARTICLES = [*chamber_news.ARTICLES, *party_building.ARTICLES, *notices.ARTICLES,
            *member_profiles.ARTICLES, *policies.ARTICLES]


def ensure_categories() -> dict[str, Category]:
    existing = {c.slug: c for c in db.session.scalars(select(Category))}
    for position, (slug, name_zh, name_en) in enumerate(CATEGORIES):
        if slug not in existing:
            existing[slug] = Category(slug=slug, name_zh=name_zh, name_en=name_en,
                                      position=position)
            db.session.add(existing[slug])
    db.session.flush()
    return existing


def load_news_demo(editor=None) -> int:
    """Add the demo categories and articles (flushes; the caller commits); the number added.
    They are written by `editor`, by default the demo editor when there is one."""
    if editor is None:
        editor = find_user_by_email(DEMO_EDITOR)
    categories = ensure_categories()
    for n, demo in enumerate(ARTICLES):
        publish_at = TODAY - timedelta(days=demo.days_ago, hours=n % 7, minutes=13 * n % 60)
        en_title, en_summary, en_body = demo.en or ("", "", "")
        article = Article(
            category=categories[demo.slug], title_zh=demo.title_zh, summary_zh=demo.summary_zh,
            body_zh=to_html(demo.body_zh), title_en=en_title, summary_en=en_summary,
            body_en=to_html(en_body) if en_body else "", author=demo.author, source=demo.source,
            author_en=ENGLISH_NAMES.get(demo.author, ""),
            source_en=ENGLISH_NAMES.get(demo.source, ""),
            status=demo.status, pinned=demo.pinned,
            publish_at=None if demo.status == "draft" else publish_at,
            view_count=0 if demo.status == "draft" else (demo.days_ago * 37 + n * 11) % 2400 + 15,
            created_by_id=getattr(editor, "id", None), updated_by_id=getattr(editor, "id", None),
            created_at=publish_at - timedelta(days=1), updated_at=publish_at,
        )
        for position, (name, text) in enumerate(demo.files):
            data = pdf_document(text, [demo.title_zh]) if name.endswith(".pdf") else (
                docx_document(f"{text}\n{demo.title_zh}"))
            kinds = ("pdf",) if name.endswith(".pdf") else ("office",)
            article.attachment_links.append(ArticleAttachment(
                file=save_bytes(editor, name, data, kinds, "article"), position=position))
        if demo.pinned or (demo.slug == "chamber-news" and n % 2 == 0):
            article.cover_image = save_bytes(editor, f"封面-{n + 1}.png", cover_picture(n),
                                             ("image",), "article")
        db.session.add(article)
    db.session.flush()
    return len(ARTICLES)


COVER_TONES = [((163, 22, 26), (240, 196, 120)), ((31, 78, 121), (170, 205, 230)),
               ((46, 110, 74), (210, 228, 190)), ((120, 60, 20), (238, 210, 170))]


def cover_picture(n: int, width: int = 480, height: int = 270) -> bytes:
    """A demo cover: a soft gradient with a band across it, in one of four tones (a PNG
    written by hand: no imaging library for demo pictures)."""
    import struct
    import zlib

    top, bottom = COVER_TONES[n % len(COVER_TONES)]
    rows = []
    for y in range(height):
        mix = y / (height - 1)
        colour = bytes(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        band = height * 0.62 < y < height * 0.7
        rows.append(b"\x00" + (bytes((255, 255, 255)) if band else colour) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


SYNTHETIC_WORDS = ("商会", "会员", "企业", "服务", "发展", "合作", "交流", "民营经济", "党建",
                   "政策", "培训", "调研", "座谈", "创新", "合规", "营商环境", "员企", "论坛")


def load_synthetic_articles(count: int, seed: int = 2026, batch: int = 5000) -> int:
    """Bulk-insert `count` published filler articles spread over two years (for benchmarks)."""
    rng = random.Random(seed)
    categories = list(ensure_categories().values())
    now = TODAY
    made = 0
    while made < count:
        rows = []
        for _ in range(min(batch, count - made)):
            made += 1
            words = rng.choices(SYNTHETIC_WORDS, k=12)
            title = "".join(words[:4]) + f"（第{made}号）"
            paragraph = "，".join("".join(rng.choices(SYNTHETIC_WORDS, k=5)) for _ in range(8))
            when = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            english = made % 4 == 0
            rows.append({
                "category_id": rng.choice(categories).id, "title_zh": title,
                "summary_zh": paragraph[:80], "body_zh": f"<p>{paragraph}。</p>" * 3,
                "title_en": f"Chamber of commerce item {made}" if english else "",
                "summary_en": "Synthetic article for benchmarks." if english else "",
                "body_en": "<p>Members of the chamber met to discuss cooperation.</p>"
                if english else "",
                "author": GENERAL, "source": "商会秘书处", "status": "published",
                "publish_at": when, "pinned": False, "view_count": rng.randrange(5000),
                "created_at": when, "updated_at": when,
            })
        db.session.execute(insert(Article), rows)
    return made
