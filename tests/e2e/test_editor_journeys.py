"""The news editor in a real browser: an editor writes a bilingual article with an inline
image (its description asked for), a table, a cover and a Word attachment, previews it as a
reader in both languages, is warned when leaving with unsaved changes, and schedules it.
Then the error summary, the empty schedule time and the confirmation of "publish now".
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

from portal.dates import SHANGHAI
from portal.files.samples import docx_document, png_image
from tests.e2e.conftest import PageLog
from tests.e2e.test_foundation import sign_in

TITLE_ZH = "商会举办民营企业数字化转型交流会"
TITLE_EN = "Chamber holds a meeting on digital transformation"
BODY_ZH = "来自十二家会员企业的代表交流了数字化转型的做法。"
BODY_EN = "Representatives of twelve member enterprises shared their experience."
IMAGE_ALT = "交流会现场，企业代表围坐讨论"
DOCX_NAME = "交流会议程.docx"
TABLE_CELLS = ["企业", "行业", "人数"]


def png_file(name: str, rgb=(30, 90, 160)) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": png_image(160, 90, rgb)}


def editor_box(page, n: int):
    """The n-th rich-text editor of the page: (its toolbar, its text area)."""
    holder = page.locator(".rich-text-editor").nth(n)
    return holder.locator(".ql-toolbar"), holder.locator(".ql-editor")


def type_into(editor, text: str) -> None:
    editor.click()
    editor.press("ControlOrMeta+End")
    editor.press_sequentially(text)


def insert_image(page, toolbar, alt: str, check_page=None) -> None:
    """Through the image dialog, checking that it asks for the file and the description."""
    toolbar.get_by_role("button", name="图片").click()
    dialog = page.get_by_role("dialog", name="插入图片")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="确定").click()
    expect(dialog.get_by_role("alert")).to_have_text("请选择图片文件。")
    dialog.get_by_label("图片文件").set_input_files(files=[png_file("现场照片.png")])
    dialog.get_by_role("button", name="确定").click()
    expect(dialog.get_by_role("alert")).to_have_text("请填写图片说明。")
    dialog.get_by_label("图片说明（替代文字）").fill(alt)
    if check_page:
        check_page(page, "editor-image-dialog")
    dialog.get_by_role("button", name="确定").click()
    expect(dialog).to_be_hidden()


def paste_image(editor, name: str) -> None:
    """Paste an image file into the editor, as from the clipboard."""
    editor.click()
    editor.evaluate("""(node, [name, bytes]) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], name, {type: 'image/png'}));
        node.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                        cancelable: true}));
    }""", [name, list(png_image(120, 80, (200, 120, 40)))])


def insert_table(page, toolbar, editor, cells: list[str]) -> None:
    toolbar.get_by_role("button", name="表格").click()
    toolbar.get_by_role("button", name="插入表格（3 行 × 3 列）").click()
    expect(editor.locator("table td")).to_have_count(9)
    for n, text in enumerate(cells):
        editor.locator("table td").nth(n).click()
        page.keyboard.type(text)


class Served:
    """A document as the server sent it (what check_page hands to the Nu checker)."""

    def __init__(self, url: str, body: bytes):
        self.url, self._body = url, body

    def body(self) -> bytes:
        return self._body


def keep_previews(context) -> dict[str, bytes]:
    """The previews open in a new tab, from a POST, before a test can listen to the tab:
    keep each one's HTML as served, by its address."""
    served = {}

    def keep(route):
        response = route.fetch()
        served[route.request.url] = response.body()
        route.fulfill(response=response)

    context.route(re.compile(r"/staff/news/(\d+/)?preview"), keep)
    return served


def open_preview(pages, page, button: str, served: dict):
    """Click a preview button; the new tab, known to check_page."""
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=button).click()
    preview = opened.value
    preview.wait_for_load_state()
    log = pages.logs[id(preview)] = PageLog()
    preview.on("console", log.on_console)
    preview.on("pageerror", log.on_page_error)
    log.document = Served(preview.url, served[preview.url])
    return preview


def tomorrow_morning() -> datetime:
    return (datetime.now(SHANGHAI) + timedelta(days=1)).replace(hour=9, minute=30, second=0,
                                                                microsecond=0)


def test_editor_writes_previews_is_warned_and_schedules(pages, check_page, demo):
    page = pages.new("zh-CN")
    served = keep_previews(page.context)
    sign_in(page, "editor@example.org")
    page.goto("/staff/news/new")
    zh_toolbar, zh_editor = editor_box(page, 0)
    en_toolbar, en_editor = editor_box(page, 1)
    # The toolbar speaks Chinese: its buttons, its menus and their entries.
    for name in ("加粗", "斜体", "编号列表", "链接", "图片", "清除格式"):
        expect(zh_toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(zh_toolbar.locator(".ql-header .ql-picker-label")).to_have_attribute(
        "data-label", "正文")
    check_page(page, "editor-new")

    page.get_by_label("标题（中文）").fill(TITLE_ZH)
    page.get_by_label("摘要（中文）").fill("十二家会员企业交流数字化转型经验。")
    type_into(zh_editor, BODY_ZH)
    zh_editor.press("Enter")
    insert_image(page, zh_toolbar, IMAGE_ALT, check_page)
    image = zh_editor.locator("img")
    expect(image).to_have_attribute("alt", IMAGE_ALT)
    expect(image).to_have_attribute("src", re.compile(r"^/files/\d+/"))
    zh_editor.press("Enter")
    insert_table(page, zh_toolbar, zh_editor, TABLE_CELLS)

    page.get_by_label("标题（英文）").fill(TITLE_EN)
    type_into(en_editor, BODY_EN)
    # A pasted image goes through the same dialog, its file already chosen.
    en_editor.press("Enter")
    paste_image(en_editor, "meeting.png")
    dialog = page.get_by_role("dialog", name="插入图片")
    expect(dialog.get_by_label("图片说明（替代文字）")).to_be_focused()
    dialog.get_by_label("图片说明（替代文字）").fill("Representatives around the table")
    dialog.get_by_role("button", name="确定").click()
    expect(en_editor.locator("img")).to_have_attribute("alt", "Representatives around the table")
    page.get_by_label("栏目").select_option(label="商会动态")
    page.get_by_label("作者", exact=True).fill("宣传部")
    page.get_by_label("作者（英文）").fill("Publicity Department")
    page.get_by_label("来源", exact=True).fill("商会秘书处")
    page.get_by_label("来源（英文）").fill("Secretariat of the Chamber")
    page.get_by_label("封面图片", exact=True).set_input_files(files=[png_file("封面.png")])
    page.get_by_label("封面图片说明（中文）").fill("交流会主会场")
    page.get_by_label("封面图片说明（英文）").fill("The main hall of the meeting")
    page.get_by_label("添加附件").set_input_files(files=[{
        "name": DOCX_NAME, "buffer": docx_document("交流会议程"),
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}])
    page.get_by_role("button", name="保存草稿").click()
    expect(page.locator(".flashes")).to_contain_text("文章已保存。")
    article_id = int(re.search(r"/staff/news/(\d+)/edit$", page.url).group(1))

    # What the browser sent came back as it was: the image with its description, the table.
    zh_toolbar, zh_editor = editor_box(page, 0)
    expect(zh_editor.locator("img")).to_have_attribute("alt", IMAGE_ALT)
    expect(zh_editor.locator("table td").first).to_have_text(TABLE_CELLS[0])
    check_page(page, "editor-saved-draft")

    # Clicking the image asks for its description again.
    zh_editor.locator("img").click()
    dialog = page.get_by_role("dialog", name="图片说明")
    expect(dialog.get_by_label("图片说明（替代文字）")).to_have_value(IMAGE_ALT)
    expect(dialog.get_by_label("图片文件")).to_be_hidden()
    dialog.get_by_label("图片说明（替代文字）").fill(IMAGE_ALT + "，屏幕上展示转型案例")
    dialog.get_by_role("button", name="确定").click()
    expect(zh_editor.locator("img")).to_have_attribute("alt", IMAGE_ALT + "，屏幕上展示转型案例")

    # An unsaved change, previewed as readers of either language would see the page.
    type_into(zh_editor, "会议由商会副会长主持。")
    preview = open_preview(pages, page, "预览中文版", served)
    article = preview.locator("article")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE_ZH)
    expect(article).to_contain_text("会议由商会副会长主持。")
    expect(article.locator(".article-body img")).to_have_attribute(
        "alt", IMAGE_ALT + "，屏幕上展示转型案例")
    expect(article.locator(".article-body td").first).to_have_text(TABLE_CELLS[0])
    expect(article.locator(".article-cover")).to_have_attribute("alt", "交流会主会场")
    expect(article.locator(".article-meta")).to_contain_text("宣传部")
    expect(article.locator(".article-attachments")).to_contain_text(DOCX_NAME)
    check_page(preview, "editor-preview-zh")
    preview.close()

    preview = open_preview(pages, page, "预览英文版", served)
    expect(preview.locator("html")).to_have_attribute("lang", "en")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(preview.locator(".article-body img")).to_have_attribute(
        "alt", "Representatives around the table")
    meta = preview.locator(".article-meta")
    expect(meta).to_contain_text("Publicity Department")
    expect(meta).to_contain_text("Secretariat of the Chamber")
    expect(preview.locator(".article-cover")).to_have_attribute(
        "alt", "The main hall of the meeting")
    check_page(preview, "editor-preview-en")
    preview.close()

    # Leaving with that change unsaved: the browser asks first, and staying keeps it.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.locator(".staff-nav").get_by_role("link", name="新闻").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page).to_have_url(re.compile(rf"/staff/news/{article_id}/edit$"))
    expect(zh_editor).to_contain_text("会议由商会副会长主持。")

    # Scheduling sends the form: no warning, the change is saved with it.
    when = tomorrow_morning()
    page.get_by_label("发布时间（北京时间）").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="定时发布").click()
    expect(page.locator(".flashes")).to_contain_text("文章已设为定时发布。")
    assert asked == ["beforeunload"]
    expect(page.locator(".article-status")).to_contain_text(f"定于 {when:%Y-%m-%d %H:%M} 发布")
    expect(editor_box(page, 0)[1]).to_contain_text("会议由商会副会长主持。")
    check_page(page, "editor-scheduled")


def test_error_summary_empty_schedule_time_and_publish_confirmation(pages, check_page, demo):
    page = pages.new("zh-CN")
    sign_in(page, "editor@example.org")
    page.goto("/staff/news/new")
    page.get_by_role("button", name="定时发布").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("请更正以下问题：")
    expect(summary.get_by_role("link")).to_have_text(["标题（中文）：请填写中文标题。",
                                                      "栏目：请选择栏目。"])  # page order
    check_page(page, "editor-error-summary")
    summary.get_by_role("link", name="标题（中文）：请填写中文标题。").click()
    expect(page.get_by_label("标题（中文）")).to_be_focused()

    # A complete article scheduled without a time is asked for one, by the field.
    page.get_by_label("标题（中文）").fill("商会秘书处关于年度会费缴纳的提示")
    page.get_by_label("栏目").select_option(label="通知公告")
    page.get_by_role("button", name="定时发布").click()
    expect(summary.get_by_role("link")).to_have_text(["正文（中文）：文章须有中文标题和正文方可发布。"])
    summary.get_by_role("link").click()
    body = editor_box(page, 0)[1]
    expect(body).to_be_focused()
    type_into(body, "请各会员企业于十二月底前缴纳年度会费。")
    page.get_by_role("button", name="定时发布").click()
    expect(summary.get_by_role("link")).to_have_text(["发布时间（北京时间）：请选择发布时间。"])
    expect(page.get_by_label("发布时间（北京时间）")).to_have_class(re.compile("is-invalid"))
    check_page(page, "editor-schedule-without-time")

    # "Publish now" asks first; saying no sends nothing.
    answers = iter([False, True])
    asked = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("button", name="立即发布").click()
    page.wait_for_timeout(300)
    expect(page.locator(".flashes")).to_have_count(0)
    page.get_by_role("button", name="立即发布").click()
    expect(page.locator(".flashes")).to_contain_text("文章已发布。")
    assert asked == ["确定立即在网站上发布这篇文章吗？"] * 2
