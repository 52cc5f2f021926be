"""The member area in a real browser: an editor publishes a notice to one membership level
with acknowledgement required; member1 (in that level) gets the mail, sees it unread, opens
it and acknowledges; member2 (another level) cannot see it, nor its file, nor find it; the
staff report shows member1's enterprise read and acknowledged and the others not yet; the
reminder mail reaches the rest. Then a study material with a Chinese-named PDF: members
download it with its name intact, visitors get nothing; member1b marks it studied and staff
see it. The pages on the way pass check_page().
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.files.samples import pdf_document
from tests.conftest import mails_to
from tests.e2e.test_foundation import sign_in

TITLE = "关于副会长单位报送年度发展规划的通知"
BODY = "请各副会长单位于月底前报送下一年度发展规划，并在会员专区完成回执。"
WORD = "发展规划"
PDF_NAME = "年度发展规划模板.pdf"
OTHER_EMAIL = "beichen@example.org"


@pytest.fixture
def member_demo(app, demo):
    """The demo, plus a second vice-president unit with one member (someone to remind)."""
    from portal.accounts.services import create_user
    from portal.enterprises.creditcode import complete_code
    from portal.enterprises.models import Enterprise

    with app.app_context():
        enterprise = Enterprise(name_zh="北辰环保科技有限公司", name_en="Beichen Environmental",
                                credit_code=complete_code("91120116MA07XYKW3"),
                                level="vice_president", status="active")
        db.session.add(enterprise)
        db.session.flush()
        create_user(email=OTHER_EMAIL, name="钱磊", kind="member", enterprise=enterprise,
                    password="portal-demo-2026")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output


def expand_mailings(app) -> None:
    """What the mail sender does before each round (it does not run in tests)."""
    from portal.mail.mailings import expand_mailings as expand

    with app.app_context():
        while expand():
            pass
        db.session.remove()


def test_a_notice_to_one_level_from_publishing_to_reminder(app, pages, check_page, member_demo,
                                                            tmp_path):
    editor = pages.new("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/notices/")
    check_page(editor, "notices-staff-list")
    editor.get_by_role("link", name="撰写通知").click()
    expect(editor.locator(".ql-editor")).to_have_count(2)
    editor.get_by_label("标题（中文）").fill(TITLE)
    editor.locator(".ql-editor").nth(0).click()
    editor.locator(".ql-editor").nth(0).press_sequentially(BODY)
    editor.get_by_label("指定会员等级").check()
    editor.get_by_label("副会长单位").check()
    editor.get_by_label("需要回执").check()
    editor.get_by_label("回执截止时间（北京时间）").fill("2030-06-30T17:00")
    pdf = tmp_path / "调研提纲.pdf"
    pdf.write_bytes(pdf_document("调研提纲", [TITLE]))
    editor.get_by_label("添加附件").set_input_files(str(pdf))
    check_page(editor, "notices-staff-form")
    editor.get_by_role("button", name="立即发布").click()
    expect(editor.locator(".alert-success")).to_contain_text("通知已发布")
    notice_id = int(re.search(r"/staff/notices/(\d+)/edit", editor.url).group(1))

    expand_mailings(app)
    [mail] = mails_to(app, "member1@example.org")
    assert TITLE in mail.subject and f"/members/notices/{notice_id}" in mail.body_text
    assert mails_to(app, "member2@example.org") == []

    member = pages.new("zh-CN")
    sign_in(member, "member1@example.org")
    expect(member.locator(".member-nav")).to_contain_text("会员通知")
    check_page(member, "members-dashboard")
    member.locator(".member-nav").get_by_role("link", name=re.compile("会员通知")).click()
    unread = member.locator(".notice-unread", has_text=TITLE)
    expect(unread).to_contain_text("未读")
    check_page(member, "members-notices")
    unread.get_by_role("link").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    file_link = member.get_by_role("link", name="调研提纲.pdf")
    file_url = file_link.get_attribute("href")
    check_page(member, "members-notice")
    member.get_by_role("button", name="确认回执").click()
    expect(member.locator(".ack-box")).to_contain_text("已于")
    expect(member.locator(".notice-unread", has_text=TITLE)).to_have_count(0)

    outsider = pages.new("en")
    sign_in(outsider, "member2@example.org", button="Sign in")
    assert outsider.goto(f"/members/notices/{notice_id}").status == 404
    assert outsider.request.get(file_url).status == 404
    outsider.goto("/members/notices/")
    expect(outsider.locator("main")).not_to_contain_text(TITLE)
    outsider.goto(f"/search?q={quote(WORD)}")
    expect(outsider.locator("main")).not_to_contain_text(TITLE)
    member.goto(f"/search?q={quote(WORD)}")
    expect(member.locator(".search-hits")).to_contain_text(TITLE)

    editor.goto(f"/staff/notices/{notice_id}/report")
    row = editor.locator("tr", has_text="青禾智能装备有限公司")
    expect(row).to_contain_text("已回执")
    expect(row).to_contain_text("李明")
    expect(editor.locator("tr", has_text="北辰环保科技有限公司")).to_contain_text("未读")
    expect(editor.locator("tr", has_text="远帆跨境物流")).to_have_count(0)
    check_page(editor, "notices-report")
    editor.once("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="提醒未回执企业").click()
    expect(editor.locator(".alert-success")).to_contain_text("正在向尚未回执的企业发送提醒")
    download = editor.request.get(f"/staff/notices/{notice_id}/report.xlsx")
    assert download.status == 200 and download.body()[:2] == b"PK"

    expand_mailings(app)
    reminders = [m for m in mails_to(app, OTHER_EMAIL) if "提醒" in m.subject]
    assert len(reminders) == 1
    assert [m for m in mails_to(app, "member1@example.org") if "提醒" in m.subject] == []


def test_a_material_with_a_chinese_named_pdf(app, pages, check_page, member_demo, new_page):
    from portal.files.models import StoredFile

    name = "民营经济促进法条文解读.pdf"
    with app.app_context():
        stored = db.session.scalars(select(StoredFile).where(
            StoredFile.original_name == name)).one()
        url = f"/files/{stored.id}/{quote(name)}"

    student = pages.new("zh-CN")
    sign_in(student, "member1b@example.org")
    student.goto("/members/materials/")
    check_page(student, "members-materials")
    student.get_by_label("栏目").select_option(label="政策法规")
    student.locator("#main").get_by_role("button", name="筛选").click()
    student.get_by_role("link", name="民营经济促进法条文解读").click()
    expect(student.locator(".material-files")).to_contain_text("PDF")
    check_page(student, "members-material")
    response = student.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" + quote(name) in response.headers["content-disposition"]
    assert response.headers["content-disposition"].startswith("inline")
    student.get_by_role("button", name="标记为已学").click()
    expect(student.locator(".studied-box")).to_contain_text("已学")

    visitor = new_page("zh-CN")
    assert visitor.request.get(url).status == 404
    assert visitor.goto("/members/materials/").url.endswith("/login?next=/members/materials/")

    editor = pages.new("zh-CN")
    sign_in(editor, "editor@example.org")
    editor.goto("/staff/materials/")
    check_page(editor, "materials-staff-list")
    editor.locator("tr", has_text="民营经济促进法条文解读").get_by_role(
        "link", name="学习情况").click()
    expect(editor.locator("main table")).to_contain_text("赵静")
    check_page(editor, "materials-studies")


def test_staff_following_the_member_area_link_land_in_their_own(pages, check_page, demo):
    agent = pages.new("zh-CN")
    sign_in(agent, "agent@example.org")
    agent.goto("/members/")
    expect(agent).to_have_url(re.compile(r"/staff/$"))
    expect(agent.locator(".alert-info")).to_contain_text("会员专区供会员企业使用")
    check_page(agent, "staff-sent-from-member-area")


def test_english_member_pages(pages, check_page, demo):
    member = pages.new("en")
    sign_in(member, "member2@example.org", button="Sign in")
    check_page(member, "members-dashboard-en")
    member.goto("/members/notices/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Notices")
    member.locator(".notice-item a").first.click()
    check_page(member, "members-notice-en")
