"""What the demo articles are made of: the categories, the Demo record, the authors (all
invented), the demo's "today", and the plain format their bodies are written in
(paragraphs separated by blank lines, "## " starts a heading, "- " a list item)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape

CATEGORIES = [
    # slug, name_zh, name_en
    ("chamber-news", "商会动态", "Chamber News"),
    ("party-building", "党建工作", "Party Building"),
    ("notices", "通知公告", "Notices"),
    ("member-profiles", "会员风采", "Member Profiles"),
    ("policies", "政策法规", "Policies and Regulations"),
]

TODAY = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 10:00 in Beijing

GENERAL = "秘书处综合事务部"
MEMBERSHIP = "会员部"
LEGAL = "法律服务部"
PUBLICITY = "宣传部"
PARTY = "商会党委办公室"

# What English readers see as author and source (Article.author_en, source_en).
ENGLISH_NAMES = {
    GENERAL: "General Affairs Department, Secretariat",
    MEMBERSHIP: "Membership Department",
    LEGAL: "Legal Services Department",
    PUBLICITY: "Publicity Department",
    PARTY: "Office of the Party Committee",
    "商会秘书处": "Secretariat of the Chamber",
    "商会党委": "Party Committee of the Chamber",
    "商会机关党支部": "Party Branch of the Chamber's Offices",
    "商会调研组": "Research Group of the Chamber",
}

@dataclass
class Demo:
    slug: str
    days_ago: int
    title_zh: str
    summary_zh: str
    body_zh: str
    author: str = GENERAL
    source: str = "商会秘书处"
    pinned: bool = False
    en: tuple[str, str, str] | None = None
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, text in it)
    status: str = "published"


def to_html(text: str) -> str:
    """The demo's plain format as the HTML Quill would produce."""
    html, items = [], []
    for block in (b.strip() for b in text.strip().split("\n\n")):
        lines = block.splitlines()
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif block.startswith("## "):
            html.append(f"<h2>{escape(block[3:])}</h2>")
        else:
            html.append(f"<p>{escape(' '.join(lines))}</p>")
    return "".join(html)
