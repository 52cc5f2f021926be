"""Admin journeys: suspending an enterprise throws its signed-in user out; an import with bad
rows shows each of them and imports nothing; the other lists (audit log, outgoing mail,
departments) with their filter bars, pagers and tables pass the page checks."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from portal.enterprises.creditcode import complete_code
from tests.e2e.test_foundation import sign_in


def test_admin_suspends_an_enterprise_and_its_signed_in_member_is_thrown_out(
        pages, check_page, demo):
    member = pages.new("zh-CN")
    sign_in(member, "member1@example.org")
    expect(member).to_have_url(re.compile(r"/members/$"))

    admin = pages.new("zh-CN")
    sign_in(admin, "admin@example.org")
    admin.goto("/staff/enterprises/")
    check_page(admin, "staff-enterprises")
    admin.get_by_label("关键词").fill("青禾")
    admin.get_by_role("button", name="筛选").click()
    admin.locator("#enterprise-list").get_by_role("link", name="青禾智能装备有限公司").click()
    expect(admin.locator("#enterprise-status")).to_have_text("正常")
    check_page(admin, "staff-enterprise-detail")
    admin.locator("#suspend-enterprise").click()
    expect(admin.locator(".flashes")).to_contain_text("青禾智能装备有限公司 的会籍已暂停")
    expect(admin.locator("#enterprise-status")).to_have_text("已暂停")
    check_page(admin, "staff-enterprise-suspended")

    member.reload()
    expect(member).to_have_url(re.compile(r"/login$"))
    expect(member.locator(".flashes")).to_contain_text("贵单位的会籍已暂停或已过期")

    admin.locator("#reactivate-enterprise").click()
    expect(admin.locator("#enterprise-status")).to_have_text("正常")
    sign_in(member, "member1@example.org")
    expect(member).to_have_url(re.compile(r"/members/$"))


def _csv(tmp_path, rows, name="会员企业.csv"):
    lines = ["企业名称,英文名称,统一社会信用代码,会员级别,入会日期,到期日期", *rows]
    path = tmp_path / name
    path.write_bytes("\r\n".join(lines).encode("gb18030"))  # as Excel in China saves it
    return path


def test_import_with_bad_rows_shows_each_and_imports_nothing(page, check_page, demo, tmp_path):
    good = complete_code("91320500MA0000001")
    bad_check = good[:17] + ("1" if good[17] != "1" else "2")
    path = _csv(tmp_path, [
        f"苏州青禾精密机械有限公司,,{good},会长单位,2020-01-15,2027-01-14",
        f",,{complete_code('91320500MA0000002')},会员单位,,",
        f"乙公司,,{bad_check},会员单位,,",
        f"丙公司,,{good},会员单位,,",
        f"丁公司,,{complete_code('91320500MA0000003')},名誉单位,,",
        f"戊公司,,{complete_code('91320500MA0000004')},会员单位,2025-02-30,",
    ])
    sign_in(page, "admin@example.org")
    page.goto("/staff/enterprises/import")
    check_page(page, "staff-import")
    page.locator("#file").set_input_files(str(path))
    page.locator("#check-import").click()
    expect(page.locator("#import-result")).to_contain_text("文件中发现 5 处问题，未导入任何数据")
    rows = page.locator("#import-problems tbody tr")
    expect(rows).to_have_count(5)
    for number in (3, 4, 5, 6, 7):
        expect(page.locator(f'#import-problems tr[data-row="{number}"]')).to_have_count(1)
    expect(page.locator('#import-problems tr[data-row="5"]')).to_contain_text("第 2 行重复")
    expect(page.locator("#confirm-import")).to_have_count(0)
    check_page(page, "staff-import-bad-rows")
    page.goto("/staff/enterprises/?q=苏州青禾")
    expect(page.locator("main")).to_contain_text("没有符合条件的企业。")

    clean = _csv(tmp_path, [f"苏州青禾精密机械有限公司,,{good},会长单位,2020-01-15,2027-01-14"],
                 "clean.csv")
    page.goto("/staff/enterprises/import")
    page.locator("#file").set_input_files(str(clean))
    page.locator("#check-import").click()
    expect(page.locator("#import-result")).to_contain_text("新增 1 家企业")
    check_page(page, "staff-import-ready")
    page.locator("#confirm-import").click()
    expect(page).to_have_url(re.compile(r"/staff/enterprises/$"))
    expect(page.locator(".flashes")).to_contain_text("导入完成：新增 1 家")
    expect(page.locator("#enterprise-list")).to_contain_text("苏州青禾精密机械有限公司")


def test_the_other_admin_lists_pass_the_checks(app, page, check_page, demo):
    from portal.extensions import db
    from portal.mail.models import OutboxMessage

    with app.app_context():
        db.session.add_all(OutboxMessage(
            recipient=f"reader{n}@example.org", subject=f"会员服务通知 {n}", body_text="x",
            body_html="x", template="invitation", language="zh_CN", status="failed",
            attempts=8, last_error="OSError: connection refused") for n in range(51))
        db.session.commit()
    sign_in(page, "admin@example.org")
    page.goto("/staff/audit/?date_from=2026-02-01&date_to=2026-01-01")
    expect(page.locator("#date_to-errors")).to_have_text("截止日期不能早于起始日期。")
    check_page(page, "staff-audit-bad-dates")
    page.goto("/staff/mail/?status=failed")
    pages = page.get_by_role("navigation", name="分页")
    expect(pages.get_by_role("link", name="2")).to_be_visible()
    check_page(page, "staff-mail")
    page.goto("/staff/departments/")
    check_page(page, "staff-departments")
