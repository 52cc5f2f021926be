"""Reading a saved old-site file: its text encoding, and an HTML page's lines and links.

Old Chinese sites were often written in GB2312/GBK; pages say so in a <meta> charset, text
copies say nothing. The HTML reader (the standard library's html.parser) turns a page into
parsing.Block lines the way a browser lays it out: a block element or <br> ends a line, an
<img> is a block of its own; script, style and form controls are left out.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from portal.news.oldsite.parsing import Block

CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
# Browsers write where a page came from when they save it ("mark of the web").
SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)
# Chinese legacy encodings: GB18030 reads everything GB2312 and GBK wrote.
WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "select", "textarea",
                          "button", "iframe", "object", "svg"})
COLLAPSIBLE = re.compile(r"[ \t\r\n\f]+")  # HTML collapses these; &nbsp; and 　 stay


def decode(data: bytes, html: bool) -> tuple[str, bool]:
    """(text, clean): clean is False when undecodable bytes had to be replaced."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, "replace"), True
    candidates = ["utf-8"]
    declared = CHARSET_RE.search(data[:4096]) if html else None
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.insert(0, WIDER.get(name, name))
    candidates.append("gb18030")
    for encoding in candidates:
        try:
            return data.decode(encoding), True
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace"), False


@dataclass
class HtmlPage:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""  # <title>
    headings: list[str] = field(default_factory=list)  # <h1> texts
    address: str = ""  # where the page says it came from: saved-from mark, canonical, og:url
    # block index -> (href, text) of the links on that line
    links: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self.line: list[str] = []
        self.skipping = 0
        self.in_title = self.in_h1 = False
        self.h1: list[str] = []
        self.link: list | None = None  # [href, text parts]
        self.line_links: list[tuple[str, str]] = []

    def _end_line(self) -> None:
        text = COLLAPSIBLE.sub(" ", "".join(self.line))
        if text.strip(" "):
            if self.line_links:
                self.page.links[len(self.page.blocks)] = self.line_links
            self.page.blocks.append(Block(text.strip(" ")))
        self.line, self.line_links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1, self.h1 = True, []
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower():
            self.page.address = self.page.address or attrs.get("href", "")
        elif tag == "meta" and attrs.get("property", "").lower() == "og:url":
            self.page.address = self.page.address or attrs.get("content", "")
        elif tag == "img" and attrs.get("src") and not self.skipping:
            self._end_line()
            self.page.blocks.append(Block(attrs.get("alt", ""), image=attrs["src"]))
        elif tag == "a":
            self.link = [attrs.get("href", ""), []]
        if tag in BLOCK_TAGS:
            self._end_line()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIPPED_TAGS:
            self.skipping -= 1

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.page.headings.append(COLLAPSIBLE.sub(" ", "".join(self.h1)).strip())
        elif tag == "a" and self.link is not None:
            href, parts = self.link
            if href:
                self.line_links.append((href, COLLAPSIBLE.sub(" ", "".join(parts)).strip()))
            self.link = None
        if tag in BLOCK_TAGS:
            self._end_line()

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
            return
        if self.skipping:
            return
        self.line.append(data)
        if self.in_h1:
            self.h1.append(data)
        if self.link is not None:
            self.link[1].append(data)

    def handle_comment(self, data):
        found = SAVED_FROM_RE.search(data)
        if found and not self.page.address:
            self.page.address = found.group(1)


def read_html(text: str) -> HtmlPage:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._end_line()
    page = reader.page
    page.title = COLLAPSIBLE.sub(" ", page.title).strip()
    return page


def page_titles(page: HtmlPage) -> list[str]:
    """Titles to look for when a page has no metadata line: its <h1>s, then its <title>
    without the site name that usually follows (标题_某某商会, 标题 - 某某商会)."""
    stripped = re.split(r"\s*(?:_|-|—|\||｜)\s*(?=[^_\-—|｜]*$)", page.title)[0]
    return [h for h in page.headings if h] + [t for t in (page.title, stripped) if t]
