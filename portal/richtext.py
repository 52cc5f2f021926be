"""Staff rich text (Quill's semantic HTML): the one nh3 cleaner configuration of the portal.

News, notices and materials store what sanitise_html() returns, and only that is ever
rendered unescaped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset({
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "pre", "code", "img", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Quill's alignment and indentation classes. `class` must NOT also be in ALLOWED_ATTRIBUTES:
# nh3 panics (a BaseException) when both are set.
QUILL_CLASSES = frozenset(
    {"ql-align-center", "ql-align-right", "ql-align-justify"}
    | {f"ql-indent-{n}" for n in range(1, 9)})
ALLOWED_CLASSES = dict.fromkeys(("p", "h2", "h3", "h4", "li", "blockquote"), QUILL_CLASSES)
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_NBSP_RUN = re.compile(r"(?:&nbsp;)+")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\bsrc=)[^>]*>")


def _spaces(match: re.Match) -> str:
    # Quill's getSemanticHTML() writes every space as &nbsp;, which stops English lines from
    # wrapping: one becomes a plain space; a longer run keeps all but one.
    count = len(match.group(0)) // len("&nbsp;")
    return " " + "&nbsp;" * (count - 1)


def sanitise_html(html: str | None) -> str:
    """Clean HTML: allowed tags and attributes only, links http(s)/mailto, no script or style."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html.replace("\ufeff", ""),  # Quill's cursor marker
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _IMG_WITHOUT_SRC.sub("", _NBSP_RUN.sub(_spaces, cleaned)).strip()
    return "" if is_blank(cleaned) else cleaned


def is_blank(html: str) -> bool:
    """True when the HTML shows no text and no image (Quill's empty editor is <p><br></p>)."""
    if "<img" in html:
        return False
    text = nh3.clean(html, tags=set())
    return not text.replace("&nbsp;", "").strip()


def plain_text(html: str) -> str:
    """The text of sanitised HTML, for summaries, feeds and search."""
    from html import unescape

    text = nh3.clean(re.sub(r"</(p|h[2-4]|li|blockquote|tr)>|<br>", " ", html or ""), tags=set())
    return " ".join(unescape(text).split())


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "img":
            self.images.append({name: value or "" for name, value in attrs})


def images(html: str | None) -> list[dict[str, str]]:
    """The attributes of each <img> in the HTML, in order."""
    finder = _ImageFinder()
    finder.feed(html or "")
    finder.close()
    return finder.images


# An image the portal stores: /files/<id>/<name>, as the editor's image upload inserts it.
_STORED_IMAGE = re.compile(r"^/files/([0-9]{1,9})/[^/]")


def stored_file_ids(html: str | None) -> set[int]:
    """The ids of the stored files (/files/<id>/…) the HTML shows as images."""
    return {int(match.group(1)) for image in images(html)
            if (match := _STORED_IMAGE.match(image.get("src", "")))}


def image_problems(html: str | None) -> tuple[int, int]:
    """(images without a text alternative, images not stored by the portal) in the HTML.

    Readers who cannot see an image get its alt; the page's CSP shows no image from another
    site, so such an image would be a broken one."""
    found = images(html)
    return (sum(1 for image in found if not image.get("alt", "").strip()),
            sum(1 for image in found if not _STORED_IMAGE.match(image.get("src", ""))))
