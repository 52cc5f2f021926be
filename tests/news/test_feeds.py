"""The Atom feed, sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(response, mimetype):
    assert response.status_code == 200
    assert response.mimetype == mimetype
    return ET.fromstring(response.data)


def test_feed_is_atom_with_the_required_elements(client, make_article):
    a = make_article(title_zh="第一篇", ago=2, body_zh="<p>正文<b>加粗</b></p>")
    b = make_article(title_zh="第二篇", ago=1)
    feed = parse(client.get("/news/feed.atom"), "application/atom+xml")
    assert feed.tag == f"{ATOM}feed"
    for name in ("title", "id", "updated"):
        assert feed.find(f"{ATOM}{name}").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["第二篇", "第一篇"]
    first = entries[1]
    assert first.find(f"{ATOM}id").text == f"http://127.0.0.1:5000/news/{a.id}"
    assert first.find(f"{ATOM}link").get("href") == f"http://127.0.0.1:5000/news/{a.id}"
    assert first.find(f"{ATOM}content").get("type") == "html"
    assert first.find(f"{ATOM}content").text == "<p>正文<b>加粗</b></p>"
    assert first.find(f"{ATOM}author/{ATOM}name").text == "秘书处综合事务部"
    for entry in entries:
        datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        datetime.fromisoformat(entry.find(f"{ATOM}published").text)
    assert b.id


def test_feed_gives_each_entry_in_the_readers_language(client, make_client, make_article):
    make_article(title_zh="中文标题", title_en="English title", body_en="<p>English</p>")
    make_article(title_zh="只有中文")
    english = parse(client.get("/en/news/feed.atom"), "application/atom+xml")
    titles = [e.find(f"{ATOM}title").text for e in english.findall(f"{ATOM}entry")]
    assert titles == ["只有中文", "English title"] or titles == ["English title", "只有中文"]
    zh_only = next(e for e in english.findall(f"{ATOM}entry")
                   if e.find(f"{ATOM}title").text == "只有中文")
    assert zh_only.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert english.find(f"{ATOM}link[@rel='self']").get("href").endswith("/en/news/feed.atom")
    # Each language has its own feed, whatever the reader's browser says.
    chinese = parse(client.get("/news/feed.atom"), "application/atom+xml")
    assert "English title" not in [e.find(f"{ATOM}title").text
                                   for e in chinese.findall(f"{ATOM}entry")]
    assert chinese.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"


def test_the_old_english_feed_address_moves_to_the_english_feed(make_client):
    response = make_client("zh-CN").get("/news/feed.atom?lang=en")
    assert response.status_code == 301
    assert response.headers["Location"] == "/en/news/feed.atom"


def test_empty_feed_is_still_valid(client):
    feed = parse(client.get("/en/news/feed.atom"), "application/atom+xml")
    assert feed.find(f"{ATOM}updated").text and not feed.findall(f"{ATOM}entry")


def test_feed_escapes_titles(client, make_article):
    make_article(title_zh="<script>标题 & 符号</script>")
    feed = parse(client.get("/en/news/feed.atom"), "application/atom+xml")
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "<script>标题 & 符号</script>"


def test_sitemap_lists_pages_and_visible_articles(client, make_article, make_category):
    make_category(slug="party-building")
    article = make_article()
    sitemap = parse(client.get("/sitemap.xml"), "application/xml")
    locs = [u.find(f"{SITEMAP}loc").text for u in sitemap.findall(f"{SITEMAP}url")]
    base = "http://127.0.0.1:5000"
    for path in ("/", "/news/", "/contact", "/news/c/party-building/", f"/news/{article.id}"):
        assert base + path in locs and base + "/en" + path in locs
    entry = next(u for u in sitemap.findall(f"{SITEMAP}url")
                 if u.find(f"{SITEMAP}loc").text == f"{base}/en/news/{article.id}")
    twins = {link.get("hreflang"): link.get("href")
             for link in entry.findall("{http://www.w3.org/1999/xhtml}link")}
    assert twins == {"zh-CN": f"{base}/news/{article.id}", "en": f"{base}/en/news/{article.id}"}
    lastmod = sitemap.find(f"{SITEMAP}url[{len(locs)}]/{SITEMAP}lastmod").text
    assert lastmod.endswith("Z")


def test_robots_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert "Disallow: /staff/" in body and "Disallow: /members/" in body
    assert "Sitemap: http://127.0.0.1:5000/sitemap.xml" in body
