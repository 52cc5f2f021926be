"""Bulk-load N synthetic articles for `make bench` (fast Core inserts, then reindex search).

Usage: python bench/load.py N   (database from PORTAL_DATABASE_URL; adds to what is there)
The text is generated from a small invented vocabulary; about a third of the articles have
an English version. Mostly published, with some drafts, scheduled and archived ones.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from portal import create_app
from portal.extensions import db
from portal.news.models import Article, Category

CATEGORIES = [("商会动态", "Chamber News", "chamber-news"), ("党建工作", "Party Building", "party"),
              ("通知公告", "Notices", "notices"), ("会员风采", "Member Profiles", "members"),
              ("政策法规", "Policies and Regulations", "policies")]
WORDS_ZH = ("商会 会员企业 民营经济 高质量发展 党建工作 学习贯彻 座谈会 调研 营商环境 政策解读 "
            "法律服务 金融支持 数字化转型 科技创新 产业链 招商引资 对外交流 人才培训 秘书处 "
            "理事会 年度总结 表彰 公益活动 乡村振兴 区域协同 绿色低碳 出口贸易 企业家精神").split()
WORDS_EN = ("the chamber of commerce member enterprises private economy high-quality development "
            "meeting survey business environment policy briefing legal services financing "
            "digital transformation innovation supply chain investment exchange training "
            "secretariat council annual review award charity rural revitalisation").split()
STATUSES = ["published"] * 94 + ["draft"] * 3 + ["scheduled"] + ["archived"] * 2


def paragraph_zh(rng: random.Random) -> str:
    sentences = ["".join(rng.choices(WORDS_ZH, k=rng.randint(4, 9))) + rng.choice("，。；")
                 for _ in range(rng.randint(5, 9))]
    return "<p>" + "".join(sentences) + "</p>"


def paragraph_en(rng: random.Random) -> str:
    words = rng.choices(WORDS_EN, k=rng.randint(40, 70))
    return "<p>" + " ".join(words).capitalize() + ".</p>"


def article(rng: random.Random, category_ids: list[int], now: datetime) -> dict:
    status = rng.choice(STATUSES)
    if status == "scheduled":
        publish_at = now + timedelta(days=rng.randint(1, 30))
    else:
        publish_at = now - timedelta(seconds=rng.randint(0, 2 * 365 * 86400))
    english = rng.random() < 0.33
    row = dict(category_id=rng.choice(category_ids), status=status,
               publish_at=None if status == "draft" else publish_at,
               title_zh="".join(rng.choices(WORDS_ZH, k=rng.randint(3, 5))),
               summary_zh="".join(rng.choices(WORDS_ZH, k=8)) + "。",
               body_zh="".join(paragraph_zh(rng) for _ in range(rng.randint(3, 6))),
               title_en="", summary_en="", body_en="", author="秘书处综合事务部",
               source="商会党委", pinned=rng.random() < 0.001, view_count=0,
               created_at=now, updated_at=now)
    if english:
        row.update(title_en=" ".join(rng.choices(WORDS_EN, k=6)).title(),
                   summary_en=" ".join(rng.choices(WORDS_EN, k=15)).capitalize() + ".",
                   body_en="".join(paragraph_en(rng) for _ in range(rng.randint(2, 4))))
    return row


def load(count: int) -> None:
    now = datetime.now(UTC)
    existing = db.session.scalar(select(func.count(Article.id)))
    rng = random.Random(existing)
    category_ids = list(db.session.scalars(select(Category.id)))
    if not category_ids:
        for position, (zh, en, slug) in enumerate(CATEGORIES):
            db.session.add(Category(name_zh=zh, name_en=en, slug=slug, position=position))
        db.session.flush()
        category_ids = list(db.session.scalars(select(Category.id)))
    for start in range(0, count, 2000):
        rows = [article(rng, category_ids, now) for _ in range(min(2000, count - start))]
        db.session.execute(insert(Article), rows)
    db.session.commit()


if __name__ == "__main__":
    app = create_app()
    with app.app_context():
        load(int(sys.argv[1]))
