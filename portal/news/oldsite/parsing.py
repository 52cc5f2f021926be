"""Finding the article in an old-site page's lines: title, author, source, time, paragraphs.

A page, saved as HTML or copied as text, is the site's header, one article and the site's
footer. The article is anchored on its metadata line (作者:… 来源:… 发布时间:…, with
full-width or half-width colons and any spacing): the title is the line just above it, the
body runs from below it to the footer. Site chrome (今天是, hotline, 传真, 邮箱, 地址, 备案号,
公网安备, campaign banners, page tools) is recognised by its words and by repeating the
header. What cannot be found with confidence is listed in `problems`; the importer makes
such pages drafts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from portal.dates import SHANGHAI


class Block(NamedTuple):
    """A line of the page as read: text (unstripped: its indent matters), or an image."""

    text: str
    image: str | None = None  # the <img src> as written in the page


@dataclass
class ParsedArticle:
    title: str = ""
    author: str = ""
    source: str = ""
    published: datetime | None = None  # UTC
    body: list[Block] = field(default_factory=list)  # paragraphs and images, in order
    body_lines: range = range(0)  # the indexes of the page's blocks the body was read from
    problems: list[str] = field(default_factory=list)  # why it is not a confident parse

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.body if b.image is None]


LABEL = (r"(作\s*者|撰\s*稿|来\s*源|出\s*处|发布时间|发布日期|发表时间|更新时间|时\s*间|日\s*期"
         r"|点\s*击(?:数|量|率)?|浏览(?:次数|量)?|阅读(?:次数|量)?|责任编辑|编\s*辑|发布[人者]"
         r"|录\s*入|审\s*核|字\s*号)")
LABEL_RE = re.compile(LABEL + r"\s*[:：]\s*")
LINE_STARTS_WITH_LABEL = re.compile(r"^\s*" + LABEL + r"\s*[:：]")
AUTHOR_LABELS = ("作者", "撰稿")
SOURCE_LABELS = ("来源", "出处")
TIME_LABELS = ("发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期")
PUBLISH_LABELS = ("发布时间", "发布日期", "发表时间", "更新时间")
DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?")

# Never part of an article: page tools, copyright and filing lines. The body ends at the
# first of these that follows a paragraph.
END_MARKERS = re.compile(
    r"上一篇|下一篇|上一条|下一条|关闭窗口|打印本页|【\s*(?:打印|关闭)|返回顶部|分享到|相关(?:文章|新闻|阅读|链接)"
    r"|版权所有|copyright|©|备案号|ICP\s*[备证]|公网安备|技术支持|主办单位|承办单位|网站地图",
    re.IGNORECASE)
# Site chrome around the article, which an article may also say once in a sentence (a
# notice's venue address, a contact's e-mail): dropped at the body's edges, and anywhere
# when two or more share a line (the footer's contact line).
CHROME_WORDS = re.compile(
    r"今天是|服务热线|咨询热线|热线电话|联系电话|电\s*话\s*[:：]|传\s*真|邮\s*箱|e-?mail|地\s*址\s*[:：]"
    r"|邮\s*编|当前位置|您的位置|现在的位置|设为首页|加入收藏|联系我们|字\s*号\s*[:：]|【\s*字体",
    re.IGNORECASE)
ALWAYS_CHROME = re.compile(r"^\s*(?:今天是|当前位置|您的位置|您现在的位置|设为首页|【\s*字体)")
# Campaign banners: short slogans without sentence punctuation.
BANNER_WORDS = re.compile(
    r"热烈庆祝|喜迎|奋进新征程|不忘初心|牢记使命|周年|学习贯彻|欢迎访问|欢迎光临")
SENTENCE_PUNCTUATION = re.compile(r"[。，；！？,;!?]")
SENTENCE_END = re.compile(r"[。！？!?：:；;”\"』」）)]$")
NAV_SEPARATORS = re.compile(r"(?:>|»|＞|›|\|)")
MIN_BODY_CHARACTERS = 40
TITLE_MAX = 200
TITLE_SEARCH = 4  # non-empty lines above the metadata line where the title may be


def clean(text: str) -> str:
    """A line without its indent and trailing spaces, inner runs of spaces made one."""
    return re.sub(r"[ \t\xa0]{2,}", " ", text.strip())


def parse_time(text: str) -> datetime | None:
    """The first date (and time) in text, read as Beijing time, in UTC; None if none."""
    match = DATE_RE.search(text)
    if not match:
        return None
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=SHANGHAI).astimezone(UTC)
    except ValueError:
        return None


def metadata_fields(text: str) -> dict[str, str]:
    """{label: value} of a line such as 作者:… 来源:… 发布时间:… (labels without spaces)."""
    found = list(LABEL_RE.finditer(text))
    fields = {}
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        label = re.sub(r"\s", "", match.group(1))
        fields.setdefault(label, clean(text[match.end():end]).strip("【】[]()（）|｜/ "))
    return fields


def is_metadata(fields: dict[str, str]) -> bool:
    """A publish time, or two of author / source / time: a body line "时间:…" is not."""
    kinds = {kind for kind, labels in (("author", AUTHOR_LABELS), ("source", SOURCE_LABELS),
                                       ("time", TIME_LABELS)) if any(x in fields for x in labels)}
    has_publish_time = any(parse_time(fields.get(x, "")) for x in PUBLISH_LABELS)
    return has_publish_time or len(kinds) >= 2


def find_metadata(lines: list[str]) -> tuple[int, int, dict[str, str]] | None:
    """(first, end, fields) of the metadata line; a run of lines each starting with a
    label (a table cell each) counts as one line."""
    for i, text in enumerate(lines):
        if not LABEL_RE.search(text):
            continue
        end, fields = i + 1, metadata_fields(text)
        if LINE_STARTS_WITH_LABEL.match(text):
            while end < len(lines) and (LINE_STARTS_WITH_LABEL.match(lines[end])
                                        or not lines[end]):
                for key, value in metadata_fields(lines[end]).items():
                    fields.setdefault(key, value)
                end += 1
        if is_metadata(fields):
            return i, end, fields
    return None


def is_chrome(text: str) -> bool:
    if ALWAYS_CHROME.match(text) or END_MARKERS.search(text):
        return True
    return len(CHROME_WORDS.findall(text)) >= 2


def is_edge_chrome(text: str) -> bool:
    """Chrome when found at the body's start or end (see CHROME_WORDS), banners, menus."""
    if is_chrome(text) or CHROME_WORDS.search(text):
        return True
    short = len(text) <= 40 and not SENTENCE_PUNCTUATION.search(text)
    return short and (bool(BANNER_WORDS.search(text)) or len(NAV_SEPARATORS.findall(text)) >= 2)


def _title_above(lines: list[str], meta_start: int) -> tuple[int, str] | None:
    seen = 0
    for i in range(meta_start - 1, -1, -1):
        text = lines[i]
        if not text:
            continue
        seen += 1
        if seen > TITLE_SEARCH:
            return None
        if not is_chrome(text) and not NAV_SEPARATORS.search(text[:1] + text[-1:]):
            return i, text
    return None


def parse_blocks(blocks: list[Block], page_titles: list[str] | None = None,
                 plain_text: bool = False) -> ParsedArticle:
    """The article in a page's blocks. page_titles: the HTML page's <h1> and <title>, tried
    when there is no metadata line. plain_text: the lines are a text copy, whose paragraphs
    may be hard-wrapped."""
    lines = [clean(b.text) if b.image is None else "" for b in blocks]
    parsed = ParsedArticle()
    meta = find_metadata(lines)
    if meta is not None:
        first, body_start, fields = meta
        parsed.author = next((fields[x] for x in AUTHOR_LABELS if fields.get(x)), "")
        parsed.source = next((fields[x] for x in SOURCE_LABELS if fields.get(x)), "")
        parsed.published = next(
            (t for t in (parse_time(fields.get(x, "")) for x in TIME_LABELS) if t),
            parse_time(" ".join(lines[first:body_start])))  # a time without its label
        if parsed.published is None:
            parsed.problems.append("no publish time in the author/source/time line")
        found = _title_above(lines, first)
        if found is None:
            parsed.problems.append("no title line just above the author/source/time line")
            title_index = first
        else:
            title_index, parsed.title = found
    else:
        parsed.problems.append("no author/source/time line")
        title_index, parsed.title = _title_without_metadata(lines, page_titles or [])
        body_start = title_index + 1
    header = {text for text in lines[:title_index] if text}
    parsed.body, body_end = _body(blocks, lines, body_start, header, plain_text)
    parsed.body_lines = range(body_start, body_end)
    if len(parsed.title) > TITLE_MAX:
        parsed.problems.append(f"title longer than {TITLE_MAX} characters (cut)")
        parsed.title = parsed.title[:TITLE_MAX]
    text_length = sum(len(p) for p in parsed.paragraphs)
    if parsed.body and text_length < MIN_BODY_CHARACTERS:
        parsed.problems.append(f"body shorter than {MIN_BODY_CHARACTERS} characters")
    parsed.author, parsed.source = parsed.author[:100], parsed.source[:100]
    return parsed


def _title_without_metadata(lines: list[str], page_titles: list[str]) -> tuple[int, str]:
    """(index, title) from the page's own title when one of its lines says it; else the
    first short line that is not chrome; (-1, "") when nothing looks like a title."""
    for candidate in page_titles:
        candidate = clean(candidate)
        for i, text in enumerate(lines):
            if text and (text == candidate or (len(text) >= 4 and candidate.startswith(text))):
                return i, text
    for i, text in enumerate(lines):
        if text and len(text) <= 60 and not is_edge_chrome(text):
            return i, text
    return -1, ""


def _body(blocks: list[Block], lines: list[str], start: int, header: set[str],
          plain_text: bool) -> tuple[list[Block], int]:
    """The paragraphs and images from `start` to the footer, chrome removed; and the index
    of the line the footer starts at.

    In a text copy whose paragraphs start indented, a line that does not start indented
    and follows, with no blank line between, a line that does not end a sentence continues
    that paragraph (the text was hard-wrapped).
    """
    rejoin = plain_text and _mostly_indented(blocks[start:], lines[start:])
    body: list[Block] = []
    joinable = False  # the previous line was text of the body, with no blank line between
    end = len(blocks)
    for index in range(start, len(blocks)):
        block, text = blocks[index], lines[index]
        if block.image is not None or not text:
            if block.image is not None:
                body.append(block)
            joinable = False
            continue
        if body and END_MARKERS.search(text):
            end = index
            break
        if is_chrome(text) or text in header or (not body and is_edge_chrome(text)):
            joinable = False
            continue
        if (rejoin and joinable and not _indented(block.text)
                and not SENTENCE_END.search(body[-1].text)):
            body[-1] = Block(_join(body[-1].text, text))
        else:
            body.append(Block(text))
        joinable = True
    while body and body[-1].image is None and is_edge_chrome(body[-1].text):
        body.pop()
    return body, end


def _indented(text: str) -> bool:
    return text[:1] in (" ", "\u3000", "\xa0", "\t")


def _mostly_indented(blocks: list[Block], lines: list[str]) -> bool:
    """True when paragraphs of the article start indented (two lines or more do)."""
    indented = 0
    for block, text in zip(blocks, lines, strict=True):
        if text and indented and END_MARKERS.search(text):
            break
        indented += bool(text and block.image is None and _indented(block.text))
    return indented >= 2


def _join(left: str, right: str) -> str:
    """Rejoin a hard-wrapped line: no space between Chinese characters, one between words."""
    if left[-1:].isascii() and right[:1].isascii():
        return f"{left} {right}"
    return left + right
