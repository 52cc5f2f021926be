"""The secretariat's everyday work in a real browser: the audit log tells who did what as a
sentence with Beijing time and a link; readers opening articles do not reorder the CMS list;
an admin exports the enterprises to Excel and imports the file back with one change; the mail
log shows the invitation an admin sent, after picking the enterprise by name."""

from __future__ import annotations

import io
import re
import time
from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.test_foundation import sign_in

ENTERPRISE = "青禾智能装备有限公司"


def test_the_audit_log_tells_who_published_what_in_beijing_time(app, pages, check_page, demo):
    from portal.accounts.services import find_user_by_email
    from portal.audit.models import AuditEvent
    from portal.extensions import db
    from portal.news import services
    from portal.news.models import Category

    with app.test_request_context():  # the demo editor 林编辑 writes and publishes
        editor = find_user_by_email("editor@example.org")
        category = db.session.scalars(select(Category).order_by(Category.id)).first()
        article = services.create_article(editor, {
            "category_id": category.id, "title_zh": "商会召开第五届会员大会",
            "body_zh": "<p>大会审议通过了年度工作报告。</p>", "title_en": "", "body_en": ""})
        services.publish_article(editor, article)
        db.session.commit()
        article_id = article.id
        published = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "article.published")).one().created_at
    local = format_datetime(published, "medium", tzinfo=ZoneInfo("Asia/Shanghai"),
                            locale="zh_CN")

    admin = pages.new("zh-CN")
    sign_in(admin, "admin@example.org")
    admin.goto("/staff/audit/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("审计日志")
    admin.get_by_label("操作", exact=True).select_option("article.published")
    admin.get_by_role("button", name="筛选").click()
    row = admin.locator("#audit-list tbody tr").first
    expect(row).to_contain_text("林编辑 发布了文章《商会召开第五届会员大会》")
    expect(row.locator("time")).to_have_text(local)
    link = row.get_by_role("link", name="《商会召开第五届会员大会》")
    expect(link).to_have_attribute("href", f"/staff/news/{article_id}/edit")
    check_page(admin, "staff-audit-published")

    admin.get_by_label("事件类别").select_option("security")
    admin.get_by_role("button", name="筛选").click()
    expect(admin.locator("main")).to_contain_text("没有符合条件的记录")
    admin.get_by_label("事件类别").select_option("")
    admin.get_by_label("操作", exact=True).select_option("")
    admin.get_by_role("button", name="筛选").click()
    with admin.expect_download() as download:
        admin.locator("#audit-export").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    sentences = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "林编辑 发布了文章《商会召开第五届会员大会》" in sentences

    admin.goto("/staff/audit/?action=article.published")
    link.click()
    expect(admin).to_have_url(re.compile(rf"/staff/news/{article_id}/edit$"))


def test_readers_opening_articles_do_not_reorder_the_cms_list(app, pages, check_page, demo):
    from portal.news.viewcount import counter

    editor = pages.new("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/news/")
    titles = editor.locator(".news-table tbody tr td:first-child a")
    before = titles.all_text_contents()[:10]
    fifth = titles.nth(4)
    article_path = fifth.get_attribute("href").replace("/staff/news/", "/news/").replace(
        "/edit", "")
    views = editor.locator(".news-table tbody tr").nth(4).locator("td").nth(5)
    views_before = int(views.text_content())

    reader = pages.new("zh-CN")
    for _ in range(3):
        assert reader.goto(article_path).status == 200
    article_id = int(article_path.rstrip("/").rsplit("/", 1)[1])
    with app.app_context():
        views_counted = counter()
        deadline = time.monotonic() + 10
        # The page counts itself with a beacon (static/js/portal.js), sent after it loaded.
        while views_counted.pending_for(article_id) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert views_counted.flush() >= 3  # the batch a worker writes now and then

    editor.reload()
    assert titles.all_text_contents()[:10] == before
    expect(editor.locator(".news-table tbody tr").nth(4).locator("td").nth(5)).to_have_text(
        str(views_before + 3))
    check_page(editor, "staff-news-after-reading")


def test_admin_exports_enterprises_and_reimports_one_change(app, pages, check_page, demo,
                                                            tmp_path):
    from portal.enterprises.models import Enterprise
    from portal.extensions import db

    with app.app_context():
        before = {e.credit_code: (e.name_zh, e.name_en, e.level, e.joined_on, e.expires_on)
                  for e in db.session.scalars(select(Enterprise))}
    admin = pages.new("zh-CN")
    sign_in(admin, "admin@example.org")
    admin.goto("/staff/enterprises/")
    expect(admin.locator("#enterprise-list tbody tr").first).to_contain_text("明川")  # ming
    check_page(admin, "staff-enterprises-pinyin")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="下载本名单（Excel）").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["中文名称", "英文名称", "统一社会信用代码", "会员级别", "入会日期",
                          "会籍到期日期"]
    [qinghe] = [row for row in sheet.iter_rows(min_row=2) if row[0].value == ENTERPRISE]
    qinghe[5].value = date(2028, 3, 11)  # renewed for a year
    edited = tmp_path / "会员企业名单.xlsx"
    book.save(edited)

    admin.goto("/staff/enterprises/import")
    admin.locator("#file").set_input_files(str(edited))
    admin.locator("#check-import").click()
    summary = admin.locator("#import-summary")
    expect(summary).to_contain_text("新增 0 家企业")
    expect(summary).to_contain_text("更新 1 家已有企业")
    expect(admin.locator('#import-preview tr[data-action="update"]')).to_contain_text(
        "会籍到期日期")
    check_page(admin, "staff-import-update")
    admin.locator("#confirm-import").click()
    expect(admin.locator(".flashes")).to_contain_text("导入完成：新增 0 家，更新 1 家")
    check_page(admin, "staff-import-updated")

    with app.app_context():
        after = {e.credit_code: (e.name_zh, e.name_en, e.level, e.joined_on, e.expires_on)
                 for e in db.session.scalars(select(Enterprise))}
    changed = {code for code in before if before[code] != after[code]}
    assert len(changed) == 1 and after[changed.pop()][4] == date(2028, 3, 11)
    assert len(after) == len(before)


def test_the_mail_log_shows_the_invitation_sent(app, pages, check_page, demo):
    from portal.extensions import db
    from portal.mail.sender import send_pending

    admin = pages.new("zh-CN")
    sign_in(admin, "admin@example.org")
    admin.goto("/staff/users/new?kind=member")
    admin.get_by_label("电子邮箱").fill("zhou.min@qinghe-example.cn")
    admin.get_by_label("姓名").fill("周敏")
    field = admin.get_by_label("所属企业（名称或统一社会信用代码）")
    field.press_sequentially("青禾", delay=50)
    options = admin.locator("#enterprise-options option")
    expect(options).to_have_count(1)  # offered as one types (static/js/enterprise-picker.js)
    label = options.first.get_attribute("value")
    assert label.startswith(f"{ENTERPRISE} · ")
    field.fill(label)
    check_page(admin, "staff-invite-pick-enterprise")
    admin.get_by_role("button", name="发送邀请").click()
    expect(admin.locator(".flashes")).to_contain_text("邀请已发送至 zhou.min@qinghe-example.cn")

    with app.app_context():
        assert send_pending().sent >= 1
        db.session.remove()

    admin.goto("/staff/mail/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("邮件记录")
    admin.get_by_label("收件人或主题").fill("zhou.min")
    admin.get_by_role("button", name="筛选").click()
    row = admin.locator("#mail-list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("zhou.min@qinghe-example.cn")
    expect(row).to_contain_text("您在会员服务门户的账号")
    expect(row).to_contain_text("邀请")
    expect(row.locator(".badge")).to_have_text("已发送")
    check_page(admin, "staff-mail-log")


def test_the_english_audit_log_and_mail_log(pages, check_page, demo):
    admin = pages.new("en")  # the demo admin has no saved language: the browser's is used
    sign_in(admin, "admin@example.org", button="Sign in")
    admin.goto("/staff/audit/")
    expect(admin.locator("#audit-list")).to_contain_text("周秘书长 signed in")
    check_page(admin, "staff-audit-en")
    admin.goto("/staff/mail/?status=undelivered")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Mail log")
    check_page(admin, "staff-mail-log-en")
