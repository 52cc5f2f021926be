"""News in a real browser: an editor schedules an article with an English version and a PDF,
it appears by itself at its time on every public page, feed, sitemap and search in both
languages, and unpublishing takes it off all of them. Then the public news pages, search
(with its empty and overlong queries), the contact page and the CMS pass check_page().

The schedule is real: the form takes Beijing time to the minute, so the article is scheduled
for the next minute with at least LEAD seconds to spare (never more than LEAD + 60 s ahead)
and the test waits for it; the public page cache is on in that journey, so a page stored
before the time must give way to the article when it comes.
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.dates import SHANGHAI
from portal.files.samples import pdf_document
from tests.e2e.test_foundation import sign_in

TITLE_ZH = "商会举办氢能产业链对接会"
SUMMARY_ZH = "二十余家会员企业围绕氢能装备与储运开展交流。"
BODY_ZH = ["11月下旬，商会在会员活动中心举办氢能产业链对接会。",
           "与会企业就制氢装备、储运安全和应用场景开展了交流，并达成多项合作意向。"]
TITLE_EN = "Chamber hosts a hydrogen supply-chain meeting"
SUMMARY_EN = "More than twenty member enterprises met to discuss hydrogen equipment and logistics."
BODY_EN = ["In late November the chamber held a hydrogen supply-chain meeting for members.",
           "Companies discussed electrolysers, safe storage and transport, and new uses."]
PDF_NAME = "氢能产业链对接会议程.pdf"
WORD_ZH = "氢能"  # in the Chinese title, and nowhere in the demo content
WORD_EN = "hydrogen"
CATEGORY_SLUG = "chamber-news"  # 商会动态
LEAD = 25  # seconds at least between scheduling and the publishing time
WAIT_AFTER = 15  # seconds the pages may take to show the article once its time has come


@pytest.fixture
def app_config(tmp_path):
    """CSRF on (real forms) and, for these journeys, the public page cache too. Browsers
    ask again for every page (max-age 0): the journey checks what the portal answers, not
    what a browser may keep for a few seconds."""
    return {"WTF_CSRF_ENABLED": True, "PAGE_CACHE_ENABLED": True, "PAGE_MAX_AGE": 0,
            "PAGE_CACHE_GENERATION_FILE": str(tmp_path / "page-cache-generation")}


@pytest.fixture
def indexed_demo(app, demo):
    """The demo content in the search index too (`flask demo` reindexes; the fixture does not)."""
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output


def beijing_now() -> datetime:
    return datetime.now(SHANGHAI)


def publishing_minute() -> datetime:
    """The next whole minute (Beijing time) at least LEAD seconds away."""
    now = beijing_now()
    minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if (minute - now).total_seconds() < LEAD:
        minute += timedelta(minutes=1)
    return minute


def type_rich_text(editor, paragraphs: list[str]) -> None:
    editor.click()
    for n, paragraph in enumerate(paragraphs):
        if n:
            editor.press("Enter")
        editor.press_sequentially(paragraph)


def public_places(reader, article_id: int, words: tuple[str, ...], prefix: str = ""):
    """What each public place shows: {place: text}, in the language of `prefix` ("" for
    Chinese, "/en" for English)."""
    shown = {}
    for path in ("/", "/news/", f"/news/c/{CATEGORY_SLUG}/"):
        response = reader.goto(prefix + path)
        assert response.status == 200, path
        shown[path] = reader.locator("main").inner_text()
    for word in words:
        reader.goto(f"{prefix}/search?q={quote(word)}")
        shown[f"search {word}"] = reader.locator("main").inner_text()
    for path in (f"{prefix}/news/feed.atom", "/sitemap.xml"):
        response = reader.request.get(path)
        assert response.status == 200, path
        shown[path] = response.text()
    shown["article page"] = reader.request.get(f"{prefix}/news/{article_id}").status
    return shown


def assert_absent(shown: dict, title: str, article_id: int) -> None:
    for place, text in shown.items():
        if place == "article page":
            assert text == 404, f"/news/{article_id} answered {text}, not 404"
        else:
            assert title not in text, f"{title!r} is shown on {place}"
            assert f"/news/{article_id}<" not in text, f"/news/{article_id} is listed in {place}"


def test_editor_schedules_an_article_it_appears_at_its_time_and_unpublishing_removes_it(
        pages, check_page, indexed_demo):
    editor = pages.new("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/news/")
    expect(editor.get_by_role("heading", level=1)).to_have_text("新闻管理")
    editor.get_by_role("link", name="撰写文章").click()
    expect(editor).to_have_url(re.compile(r"/staff/news/new$"))
    expect(editor.locator(".ql-editor")).to_have_count(2)  # Quill on both bodies
    check_page(editor, "news-cms-new")

    editor.get_by_label("标题（中文）").fill(TITLE_ZH)
    editor.get_by_label("摘要（中文）").fill(SUMMARY_ZH)
    type_rich_text(editor.locator(".ql-editor").nth(0), BODY_ZH)
    editor.get_by_label("标题（英文）").fill(TITLE_EN)
    editor.get_by_label("摘要（英文）").fill(SUMMARY_EN)
    type_rich_text(editor.locator(".ql-editor").nth(1), BODY_EN)
    editor.get_by_label("栏目").select_option(label="商会动态")
    editor.get_by_label("作者", exact=True).fill("宣传部")
    editor.get_by_label("来源", exact=True).fill("商会秘书处")
    editor.get_by_label("添加附件").set_input_files(files=[{
        "name": PDF_NAME, "mimeType": "application/pdf",
        "buffer": pdf_document("氢能产业链对接会议程", ["2026年11月", "会员活动中心"])}])
    minute = publishing_minute()
    editor.get_by_label("发布时间（北京时间）").fill(minute.strftime("%Y-%m-%dT%H:%M"))
    editor.get_by_role("button", name="定时发布").click()

    expect(editor.locator(".flashes")).to_contain_text("文章已设为定时发布。")
    expect(editor.locator(".article-status")).to_contain_text(
        f"定于 {minute:%Y-%m-%d %H:%M} 发布")
    article_id = int(re.search(r"/staff/news/(\d+)/edit$", editor.url).group(1))
    # What Quill sent, as the server kept it: one paragraph each, nothing else.
    expect(editor.locator(".ql-editor").nth(0).locator("p")).to_have_count(2)
    expect(editor.get_by_label("标题（英文）")).to_have_value(TITLE_EN)

    # Before its time: nowhere, and the page cache is really storing pages meanwhile.
    reader = pages.new("zh-CN")
    reader.goto("/")
    assert reader.request.get("/").headers.get("x-page-cache") == "hit"
    before = public_places(reader, article_id, (WORD_ZH,))
    assert beijing_now() < minute, "the checks before the publishing time took too long"
    assert_absent(before, TITLE_ZH, article_id)

    # While the time comes: the CMS list and form show it as scheduled.
    editor.goto("/staff/news/")
    row = editor.locator("tr", has_text=TITLE_ZH)
    expect(row).to_contain_text("定时发布")
    expect(row).to_contain_text("是")  # has an English version
    check_page(editor, "news-cms-list")
    editor.goto(f"/staff/news/{article_id}/edit")
    check_page(editor, "news-cms-edit-scheduled")

    waited = max(0.0, (minute - beijing_now()).total_seconds())
    time.sleep(waited)
    started = time.monotonic()

    # At its time, in Chinese: home (from the cache that held it back), list, category,
    # article, feed, sitemap and search.
    reader.goto("/")
    expect(reader.locator("main").get_by_role("link", name=TITLE_ZH)).to_be_visible(
        timeout=WAIT_AFTER * 1000)
    appeared_after = time.monotonic() - started
    check_page(reader, "news-journey-home-zh")
    reader.goto("/news/")
    expect(reader.locator("main").get_by_role("link", name=TITLE_ZH)).to_be_visible()
    reader.goto(f"/news/c/{CATEGORY_SLUG}/")
    expect(reader.locator("main").get_by_role("link", name=TITLE_ZH)).to_be_visible()
    feed = reader.request.get("/news/feed.atom").text()
    assert TITLE_ZH in feed and f"/news/{article_id}" in feed
    assert f"/news/{article_id}</loc>" in reader.request.get("/sitemap.xml").text()
    reader.goto(f"/search?q={quote(WORD_ZH)}")
    expect(reader.locator(".search-hit-title")).to_have_text([TITLE_ZH])
    check_page(reader, "news-journey-search-zh")

    reader.get_by_role("link", name=TITLE_ZH).click()
    expect(reader).to_have_url(re.compile(rf"/news/{article_id}$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_ZH)
    article = reader.locator("article")
    expect(article).to_contain_text(BODY_ZH[1])
    expect(article.locator(".article-meta")).to_contain_text("宣传部")
    expect(article.locator(".article-meta")).to_contain_text("商会秘书处")
    expect(article.locator(".article-meta time")).to_have_text(f"{minute:%Y-%m-%d %H:%M}")
    check_page(reader, "news-journey-article-zh")

    # The attachment, from the article page.
    link = article.locator(".article-attachments").get_by_role("link", name=PDF_NAME)
    file_url = link.get_attribute("href")
    download = reader.request.get(file_url)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("inline")
    assert f"filename*=UTF-8''{quote(PDF_NAME)}" in disposition
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.body().startswith(b"%PDF-")

    # In English, by the header's language switch (a link to the same page in English).
    reader.get_by_role("link", name="English").click()
    expect(reader).to_have_url(re.compile(rf"/en/news/{article_id}$"))
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(reader.locator("article")).to_contain_text(BODY_EN[0])
    expect(reader.get_by_text("This article is available in Chinese only.")).to_have_count(0)
    check_page(reader, "news-journey-article-en")
    reader.goto("/")
    expect(reader.locator("main").get_by_role("link", name=TITLE_EN)).to_be_visible()
    check_page(reader, "news-journey-home-en")
    reader.goto("/en/news/")
    expect(reader.locator("main").get_by_role("link", name=TITLE_EN)).to_be_visible()
    expect(reader.locator("main")).not_to_contain_text(TITLE_ZH)
    reader.goto(f"/en/search?q={WORD_EN}")
    expect(reader.locator(".search-hit-title")).to_have_text([TITLE_EN])
    check_page(reader, "news-journey-search-en")
    assert TITLE_EN in reader.request.get("/en/news/feed.atom").text()  # its own feed

    # The editor unpublishes it: gone from every place, in both languages.
    editor.goto(f"/staff/news/{article_id}/edit")
    asked = []
    editor.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    editor.get_by_role("button", name="撤下").click()
    expect(editor.locator(".flashes")).to_contain_text("文章已撤下，恢复为草稿。")
    assert asked, "unpublishing asks before it takes the article down"
    expect(editor.locator(".article-status")).to_contain_text("草稿")
    after_en = public_places(reader, article_id, (WORD_EN, WORD_ZH), prefix="/en")
    assert_absent(after_en, TITLE_EN, article_id)
    assert_absent(after_en, TITLE_ZH, article_id)
    assert reader.request.get(file_url).status == 404  # the file went with the article
    reader.get_by_role("link", name="中文").click()
    assert_absent(public_places(reader, article_id, (WORD_ZH,)), TITLE_ZH, article_id)
    reader.goto(f"/news/{article_id}")
    expect(reader.get_by_role("heading", level=1)).to_contain_text("页面不存在")
    print(f"\nscheduled {minute:%H:%M} Beijing; waited {waited:.1f} s for it; "
          f"the home page showed it {appeared_after:.1f} s after its time")


# --- page checks ----------------------------------------------------------------------------


def _articles(app):
    """(id of a visible article with an English version, id of a visible Chinese-only one)."""
    from portal.extensions import db
    from portal.news.models import Article
    from portal.news.services import visible_articles

    with app.app_context():
        visible = list(db.session.scalars(visible_articles().order_by(Article.id)))
        english = next(a for a in visible if a.has_english)
        chinese = next(a for a in visible if not a.has_english and a.attachment_links)
        return (english.id, english.title_zh, english.title_en), (chinese.id, chinese.title_zh)


def test_public_news_pages_in_both_languages(pages, check_page, demo, app):
    (en_id, en_title_zh, en_title_en), (zh_id, zh_title) = _articles(app)
    page = pages.new("zh-CN")
    page.goto("/")
    expect(page.get_by_role("heading", level=2, name="商会动态")).to_be_visible()
    check_page(page, "news-home-zh")
    page.goto("/news/")
    expect(page.get_by_role("heading", level=1)).to_have_text("新闻动态")
    expect(page.locator(".pagination")).to_be_visible()
    check_page(page, "news-list-zh")
    page.goto("/news/c/party-building/")
    expect(page.get_by_role("heading", level=1)).to_have_text("党建工作")
    check_page(page, "news-category-zh")
    page.goto(f"/news/{en_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(en_title_zh)
    check_page(page, "news-article-zh")
    page.goto(f"/news/{zh_id}")
    expect(page.locator(".article-attachments li")).not_to_have_count(0)
    check_page(page, "news-article-attachments-zh")

    english = pages.new("en")
    english.goto(f"/en/news/{en_id}")
    expect(english.get_by_role("heading", level=1)).to_have_text(en_title_en)
    expect(english.get_by_text("This article is available in Chinese only.")).to_have_count(0)
    check_page(english, "news-article-en")
    english.goto(f"/en/news/{zh_id}")
    expect(english.get_by_role("heading", level=1)).to_have_text(zh_title)
    expect(english.locator("article")).to_have_attribute("lang", "zh-CN")
    expect(english.get_by_text("This article is available in Chinese only.")).to_be_visible()
    check_page(english, "news-article-chinese-only-en")
    english.goto("/en/news/")
    expect(english.get_by_role("heading", level=1)).to_have_text("News")
    check_page(english, "news-list-en")
    english.goto("/en/news/c/chamber-news/")
    check_page(english, "news-category-en")


def test_search_results_and_its_refusals(pages, check_page, indexed_demo):
    page = pages.new("zh-CN")
    page.goto("/search")
    expect(page.get_by_label("搜索本站新闻")).to_be_visible()
    check_page(page, "news-search-blank-zh")
    page.get_by_label("搜索本站新闻").fill("商会")
    page.locator("main").get_by_role("button", name="站内搜索", exact=True).click()
    expect(page.locator(".search-hit").first).to_be_visible()
    expect(page.locator(".search-hit-title mark").first).to_have_text("商会")
    expect(page.locator(".search-summary")).to_contain_text("商会")
    check_page(page, "news-search-zh")

    response = page.goto("/search?q=")
    assert response.status == 200
    expect(page.get_by_role("alert")).to_have_text("请输入要搜索的词语或汉字。")
    expect(page.locator(".search-hit")).to_have_count(0)
    check_page(page, "news-search-empty-zh")

    response = page.goto("/search?q=" + quote("商会" * 250))
    assert response.status == 200
    expect(page.get_by_role("alert")).to_have_text("搜索内容过长，请不超过 100 个字符。")
    check_page(page, "news-search-too-long-zh")

    english = pages.new("en")
    english.goto("/en/search?q=chamber")
    expect(english.locator(".search-hit").first).to_be_visible()
    expect(english.locator(".search-hit-title mark").first).to_have_text(
        re.compile("chamber", re.IGNORECASE))
    check_page(english, "news-search-en")
    english.goto("/en/search?q=" + "a" * 500)
    expect(english.get_by_role("alert")).to_contain_text("Your search is too long")
    check_page(english, "news-search-too-long-en")


def test_contact_page_in_both_languages(pages, check_page, demo):
    page = pages.new("zh-CN")
    page.goto("/contact")
    expect(page.get_by_role("heading", level=1)).to_have_text("联系我们")
    main = page.locator("main")
    expect(main).to_contain_text("北京市东城区示例大街 88 号商会大厦 6 层")
    expect(main.get_by_role("link", name="010-6500 1234")).to_have_attribute(
        "href", "tel:010-65001234")
    map_link = main.get_by_role("link", name=re.compile("在地图中查看"))
    expect(map_link).to_have_attribute("href", re.compile(r"^https://map\.baidu\.com/search/"))
    check_page(page, "news-contact-zh")
    english = pages.new("en")
    english.goto("/en/contact")
    expect(english.locator("main")).to_contain_text("88 Example Street")
    check_page(english, "news-contact-en")


def test_cms_list_filters_and_form_with_errors(page, check_page, demo, app):
    from portal.extensions import db
    from portal.news.models import Article, ArticleAttachment

    with app.app_context():
        with_files = db.session.scalar(select(Article.id).join(ArticleAttachment).limit(1))
    sign_in(page, "editor@example.org")
    page.goto("/staff/news/?status=draft")
    expect(page.locator(".news-table tbody tr")).not_to_have_count(0)
    check_page(page, "news-cms-list-drafts")
    page.goto(f"/staff/news/{with_files}/edit")
    expect(page.get_by_role("group", name="删除附件")).to_be_visible()
    check_page(page, "news-cms-edit-with-files")

    page.goto("/staff/news/new")
    page.once("dialog", lambda dialog: dialog.accept())  # "publish now" asks first
    page.get_by_role("button", name="立即发布").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("请填写中文标题。")
    check_page(page, "news-cms-new-errors")
