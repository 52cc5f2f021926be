"""Bulk-load the member area for `make bench`: 2,000 enterprises with 6,000 users, 10,000
notices and 5,000 study materials with audiences, receipts and acknowledgements.

Usage: python bench/load_members.py   (database from PORTAL_DATABASE_URL; once per database)
Prints the ids the benchmark asks for: a member's e-mail, a notice they may read, a notice to
all 2,000 enterprises (for the receipt report), and a member who has read every notice they
may read, in an enterprise that has acknowledged every one that asks for it (the heavy
reader: the lists must not walk all their receipts). Text comes from a small invented
vocabulary; everything is inserted with Core statements in batches.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select, text
from werkzeug.security import generate_password_hash

from portal import create_app
from portal.accounts.models import User
from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Audience, AudienceTag, Enterprise
from portal.extensions import db
from portal.materials.models import Material, MaterialCategory, MaterialStudy
from portal.news.models import Article, Category
from portal.notices.models import Notice, NoticeAcknowledgement, NoticeRead

ENTERPRISES, USERS_EACH, NOTICES, MATERIALS = 2000, 3, 10_000, 5000
LEVELS = ["president"] * 2 + ["vice_president"] * 8 + ["director"] * 30 + ["member"] * 60
WORDS = ("关于 开展 会员企业 年度 调研 座谈会 培训 报名 通知 理事会 会议 安排 政策 解读 "
         "数字化 转型 安全生产 表彰 推荐 征集 意见 建议 经营 情况 报送 专题 学习").split()
PASSWORD = "bench-member-2026"
BATCH = 2000


def words(rng: random.Random, count: int) -> str:
    return "".join(rng.choices(WORDS, k=count))


def insert_all(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start:start + BATCH])


def next_id(model) -> int:
    return (db.session.scalar(select(func.max(model.id))) or 0) + 1


def audiences(rng: random.Random, count: int, enterprise_ids: list[int]) -> list[int]:
    """`count` audiences: most to all members, some to levels, some to a few enterprises."""
    first = next_id(Audience)
    rows, tags = [], []
    for n in range(count):
        audience_id = first + n
        roll = rng.random()
        if roll < 0.7:
            scope, chosen = "all", ["all"]
        elif roll < 0.9:
            scope = "levels"
            chosen = [f"level:{level}" for level in
                      rng.sample(["president", "vice_president", "director", "member"], 2)]
        else:
            scope = "enterprises"
            chosen = [f"enterprise:{i}" for i in rng.sample(enterprise_ids, 5)]
        rows.append({"id": audience_id, "scope": scope, "created_at": NOW})
        tags += [{"audience_id": audience_id, "tag": tag} for tag in chosen]
    insert_all(Audience, rows)
    insert_all(AudienceTag, tags)
    return [row["id"] for row in rows]


NOW = datetime.now(UTC)


def load() -> dict:
    rng = random.Random(2026)
    first_enterprise = next_id(Enterprise)
    insert_all(Enterprise, [{
        "id": first_enterprise + n, "name_zh": f"基准测试企业{n:04d}有限公司",
        "name_en": f"Bench Enterprise {n:04d}", "level": rng.choice(LEVELS), "status": "active",
        "credit_code": complete_code(f"91110000MB{n:07d}"), "created_at": NOW,
        "joined_on": NOW.date(), "expires_on": (NOW + timedelta(days=400)).date(),
    } for n in range(ENTERPRISES)])
    enterprise_ids = [first_enterprise + n for n in range(ENTERPRISES)]
    hashed = generate_password_hash(PASSWORD)
    first_user = next_id(User)
    insert_all(User, [{
        "id": first_user + n, "email": f"bench-member{n}@example.com", "name": f"成员{n}",
        "kind": "member", "enterprise_id": enterprise_ids[n // USERS_EACH],
        "is_primary_contact": n % USERS_EACH == 0, "password_hash": hashed, "roles": "",
        "phone": "", "active": True, "session_token": f"bench{n}", "created_at": NOW,
        "notice_mail": True,
    } for n in range(ENTERPRISES * USERS_EACH)])

    category = db.session.scalar(select(Category.id).where(Category.slug == "notices"))
    if category is None:
        category = next_id(Category)
        db.session.execute(insert(Category), [{"id": category, "slug": "notices",
                                               "name_zh": "通知公告", "name_en": "Notices",
                                               "position": 2, "created_at": NOW}])
    audience_ids = audiences(rng, NOTICES, enterprise_ids)
    first_article = next_id(Article)
    articles, notices = [], []
    for n in range(NOTICES):
        published = NOW - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        articles.append({
            "id": first_article + n, "category_id": category, "kind": "notice",
            "audience": "public" if rng.random() < 0.05 else "members",
            "title_zh": words(rng, 6), "summary_zh": words(rng, 12),
            "body_zh": "<p>" + words(rng, 60) + "</p>", "title_en": "", "summary_en": "",
            "body_en": "", "author": "会员部", "source": "商会秘书处", "status": "published",
            "publish_at": published, "pinned": rng.random() < 0.002, "view_count": 0,
            "created_at": published, "updated_at": published})
        ack = rng.random() < 0.2
        notices.append({"id": first_article + n, "audience_id": audience_ids[n],
                        "ack_required": ack,
                        "ack_deadline": published + timedelta(days=14) if ack else None})
    insert_all(Article, articles)
    insert_all(Notice, notices)

    # The report's notice: to every enterprise, read by half of them, acknowledged by a third.
    report_audience = next_id(Audience)
    insert_all(Audience, [{"id": report_audience, "scope": "all", "created_at": NOW}])
    insert_all(AudienceTag, [{"audience_id": report_audience, "tag": "all"}])
    report_id = next_id(Article)
    insert_all(Article, [{**articles[0], "id": report_id, "title_zh": REPORT_TITLE,
                          "audience": "members", "publish_at": NOW - timedelta(days=3)}])
    insert_all(Notice, [{"id": report_id, "audience_id": report_audience, "ack_required": True,
                         "ack_deadline": NOW + timedelta(days=10)}])
    reads, acks = [], []
    for n, enterprise_id in enumerate(enterprise_ids):
        user_id = first_user + n * USERS_EACH
        if n % 2 == 0:
            reads.append({"notice_id": report_id, "user_id": user_id,
                          "enterprise_id": enterprise_id, "first_read_at": NOW,
                          "last_read_at": NOW})
        if n % 3 == 0:
            acks.append({"notice_id": report_id, "enterprise_id": enterprise_id,
                         "user_id": user_id, "acknowledged_at": NOW})
    # Every user has read a few notices of their own.
    for n in range(ENTERPRISES * USERS_EACH):
        for notice in rng.sample(range(NOTICES), 3):
            reads.append({"notice_id": first_article + notice, "user_id": first_user + n,
                          "enterprise_id": enterprise_ids[n // USERS_EACH],
                          "first_read_at": NOW, "last_read_at": NOW})
    insert_all(NoticeRead, reads)
    insert_all(NoticeAcknowledgement, acks)

    first_category = next_id(MaterialCategory)
    insert_all(MaterialCategory, [{"id": first_category + n, "name_zh": name, "name_en": "",
                                   "position": n, "created_at": NOW}
                                  for n, name in enumerate(["基准党建学习", "基准政策法规",
                                                            "基准培训课件", "基准服务指南"])])
    material_audiences = audiences(rng, MATERIALS, enterprise_ids)
    first_material = next_id(Material)
    insert_all(Material, [{
        "id": first_material + n, "category_id": first_category + n % 4,
        "audience_id": material_audiences[n], "title_zh": words(rng, 5), "title_en": "",
        "description_zh": words(rng, 15), "description_en": "", "body_zh": "", "body_en": "",
        "status": "published", "published_at": NOW - timedelta(hours=n), "created_at": NOW,
        "updated_at": NOW} for n in range(MATERIALS)])
    insert_all(MaterialStudy, [{"material_id": first_material + rng.randrange(MATERIALS),
                                "user_id": first_user + n, "studied_at": NOW,
                                "enterprise_id": enterprise_ids[n // USERS_EACH]}
                               for n in range(0, ENTERPRISES * USERS_EACH, 2)])
    editor = next_id(User)
    insert_all(User, [{"id": editor, "email": "bench-editor@example.com", "name": "基准编辑",
                       "kind": "staff", "roles": "editor", "password_hash": hashed, "phone": "",
                       "active": True, "session_token": "bench-editor", "created_at": NOW,
                       "is_primary_contact": False, "notice_mail": False}])
    heavy_reader(hashed)
    if db.engine.dialect.name == "postgresql":  # ids were given: move the sequences past them
        for model in (Enterprise, User, Audience, Article, Category, MaterialCategory, Material):
            table = model.__tablename__
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT max(id) FROM {table}))"))
    db.session.commit()
    return bench_ids()


REPORT_TITLE = "关于报送年度经营情况的通知（基准）"
READER = "bench-reader@example.com"


def heavy_reader(hashed: str) -> None:
    """A user of a member-level enterprise who has opened every notice they may read, and
    whose enterprise has acknowledged every one of those that asks for it."""
    enterprise = db.session.scalars(select(Enterprise).where(
        Enterprise.level == "member", Enterprise.name_en.like("Bench Enterprise%"))
        .order_by(Enterprise.id.desc())).first()
    user_id = next_id(User)
    insert_all(User, [{"id": user_id, "email": READER, "name": "全读成员", "kind": "member",
                       "enterprise_id": enterprise.id, "is_primary_contact": False,
                       "password_hash": hashed, "roles": "", "phone": "", "active": True,
                       "session_token": "bench-reader", "created_at": NOW,
                       "notice_mail": True}])
    tags = ["all", f"level:{enterprise.level}", f"enterprise:{enterprise.id}"]
    readable = db.session.execute(select(Notice.id, Notice.ack_required).where(
        Notice.audience_id.in_(select(AudienceTag.audience_id)
                               .where(AudienceTag.tag.in_(tags))))).all()
    acknowledged = set(db.session.scalars(select(NoticeAcknowledgement.notice_id).where(
        NoticeAcknowledgement.enterprise_id == enterprise.id)))
    insert_all(NoticeRead, [{"notice_id": notice_id, "user_id": user_id,
                             "enterprise_id": enterprise.id, "first_read_at": NOW,
                             "last_read_at": NOW} for notice_id, _ in readable])
    insert_all(NoticeAcknowledgement, [
        {"notice_id": notice_id, "enterprise_id": enterprise.id, "user_id": user_id,
         "acknowledged_at": NOW}
        for notice_id, ack_required in readable
        if ack_required and notice_id not in acknowledged])


def bench_ids() -> dict:
    """A member of a vice-president unit, a notice they may read (to all members), and the
    notice to every enterprise."""
    member = db.session.scalars(select(User).join(Enterprise).where(
        Enterprise.level == "vice_president", User.email.like("bench-member%"))
        .order_by(User.id)).first()
    report_id = db.session.scalar(select(Article.id).where(Article.title_zh == REPORT_TITLE))
    notice = db.session.scalar(select(Notice.id).where(
        Notice.audience_id.in_(select(AudienceTag.audience_id).where(AudienceTag.tag == "all")),
        Notice.id < report_id).order_by(Notice.id.desc()))
    return {"email": member.email, "editor": "bench-editor@example.com", "password": PASSWORD,
            "notice": notice, "report": report_id, "reader": READER}


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        existing = db.session.scalar(select(User.id).where(
            User.email == "bench-member0@example.com"))
        print(json.dumps(load() if existing is None else bench_ids()))
