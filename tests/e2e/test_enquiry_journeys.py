"""Enquiry journeys in a real browser, on the demo content, with every page checked.

1. A member asks the legal department with a Chinese-named attachment; the agent accepts it,
   writes an internal note and a reply; a colleague of the member sees the reply and not the
   note; another enterprise's member gets 404; the member writes again (it reopens), the
   agent closes it, the member rates it, and the report counts it.
2. A visitor writes from the contact page; it lands in the default department's queue, and
   the agent's reply reaches the visitor's mailbox over SMTP with a link to the thread.
Then the secretariat's other enquiry screens pass the same checks.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from portal.demo import DEMO_PASSWORD
from portal.files.samples import pdf_document
from tests.e2e import test_accounts_journeys as accounts

# The real SMTP server (aiosmtpd) and its inbox, as the account journeys use them.
smtp_inbox, mail, text_of = accounts.smtp_inbox, accounts.mail, accounts.text_of

ZH = {"email": "电子邮箱", "password": "密码", "sign_in": "登录"}


def sign_in(page, email):
    page.goto("/login")
    page.get_by_label(ZH["email"]).fill(email)
    page.get_by_label(ZH["password"], exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=ZH["sign_in"], exact=True).click()
    page.wait_for_load_state()


def figure(page, label):
    """The number of a dashboard figure ("咨询诉求" on the report page)."""
    box = page.locator(".dashboard-figure", has=page.locator(".figure-label", has_text=label))
    return box.locator(".figure-value").first.inner_text()


def test_a_members_enquiry_from_question_to_rating(new_page, check_page, demo):
    agent = new_page("zh-CN")
    sign_in(agent, "agent@example.org")
    agent.goto("/staff/reports/")
    volume_before = int(figure(agent, "咨询诉求"))

    member = new_page("zh-CN")
    sign_in(member, "member1@example.org")
    expect(member.locator("#enquiries-summary")).to_be_visible()
    check_page(member, "enquiry-01-member-dashboard")
    member.locator("#enquiries-summary").get_by_role("link", name="提交咨询").click()
    expect(member).to_have_url(re.compile(r"/members/enquiries/new$"))
    member.get_by_role("button", name="提交咨询").click()
    expect(member.get_by_text("请填写主题。")).to_be_visible()
    check_page(member, "enquiry-02-new-empty")

    member.get_by_label("咨询类别").select_option(label="法律咨询")
    member.get_by_label("主题").fill("供应商延期交货的违约责任")
    member.get_by_label("咨询或诉求内容").fill(
        "我公司与一家供应商签订了设备采购合同，对方延期交货已超过30天。\n"
        "请问能否解除合同并要求赔偿？合同节选见附件。")
    member.get_by_label("附件").set_input_files([{
        "name": "采购合同（节选）.pdf", "mimeType": "application/pdf",
        "buffer": pdf_document("采购合同", ["第十二条 违约责任"])}])
    check_page(member, "enquiry-03-new-filled")
    member.get_by_role("button", name="提交咨询").click()
    expect(member).to_have_url(re.compile(r"/members/enquiries/ZX-\d{4}-\d{6}$"))
    reference = member.url.rsplit("/", 1)[1]
    expect(member.locator(".flashes")).to_contain_text(f"您的咨询 {reference} 已提交秘书处")
    expect(member.locator(".enquiry-status")).to_have_text("已提交")
    check_page(member, "enquiry-04-member-submitted")

    # The agent of 法律服务部 finds it in the queue.
    agent.goto("/staff/")
    check_page(agent, "enquiry-05-agent-dashboard")
    agent.get_by_role("link", name="咨询诉求", exact=True).first.click()
    row = agent.locator(f'tr[data-reference="{reference}"]')
    expect(row).to_contain_text("法律服务部")
    check_page(agent, "enquiry-06-agent-queue")
    row.get_by_role("link", name=reference).click()
    expect(agent.get_by_role("heading", level=1)).to_have_text("供应商延期交货的违约责任")
    agent.get_by_role("button", name="受理", exact=True).click()
    expect(agent.locator(".flashes")).to_contain_text("咨询已受理。")
    agent.get_by_label("留言内容").fill("内部：需核对合同第十二条的约定。")
    agent.get_by_role("button", name="保存为内部备注").click()
    expect(agent.locator(".flashes")).to_contain_text("内部备注已保存。")
    agent.get_by_label("常用答复").select_option(label="已收到，正在研究")
    agent.get_by_role("button", name="插入到答复中").click()
    expect(agent.get_by_label("留言内容")).to_have_value(re.compile("您的咨询已收到"))
    agent.get_by_label("留言内容").fill(
        "您好！供应商迟延履行主要债务，经催告后在合理期限内仍未履行的，贵公司可以解除合同，"
        "并要求赔偿损失。建议先发出书面催告函。")
    agent.get_by_role("button", name="发送答复给会员").click()
    expect(agent.locator(".flashes")).to_contain_text("答复已发送。")
    expect(agent.locator(".enquiry-status").first).to_have_text("已答复")
    expect(agent.locator(".message-note")).to_contain_text("第十二条")
    check_page(agent, "enquiry-07-agent-answered")

    # A colleague of the same enterprise sees the reply, not the note, and the attachment.
    colleague = new_page("zh-CN")
    sign_in(colleague, "member1b@example.org")
    colleague.goto(f"/members/enquiries/{reference}")
    expect(colleague.locator(".message-staff")).to_contain_text("建议先发出书面催告函")
    expect(colleague.locator("main")).not_to_contain_text("第十二条的约定")
    link = colleague.get_by_role("link", name="采购合同（节选）.pdf")
    download = colleague.request.get(link.get_attribute("href"))
    assert download.status == 200 and download.body().startswith(b"%PDF")
    assert "filename*=UTF-8''%E9%87%87%E8%B4%AD" in download.headers["content-disposition"]
    check_page(colleague, "enquiry-08-colleague-sees-reply")

    # Another enterprise's member: 404.
    stranger = new_page("en")
    sign_in_en(stranger, "member2@example.org")
    response = stranger.goto(f"/members/enquiries/{reference}")
    assert response.status == 404
    check_page(stranger, "enquiry-09-other-enterprise-404")

    # The member writes again: the enquiry opens again; the agent closes it.
    member.reload()
    member.get_by_label("留言内容").fill("谢谢！如果对方已部分交货，还能解除合同吗？")
    member.get_by_role("button", name="发送", exact=True).click()
    expect(member.locator(".enquiry-status")).to_have_text("办理中")
    expect(member.locator(".timeline-event").last).to_contain_text("咨询已重新打开")
    check_page(member, "enquiry-10-member-reopened")
    agent.reload()
    agent.once("dialog", lambda dialog: dialog.accept())
    agent.get_by_role("button", name="办结", exact=True).click()
    expect(agent.locator(".flashes")).to_contain_text("咨询已办结。")

    # The member rates it.
    member.reload()
    expect(member.locator("#rating")).to_be_visible()
    check_page(member, "enquiry-11-member-rating-form")
    member.get_by_label("满意", exact=True).check()
    member.get_by_label("意见建议（选填）").fill("答复清楚，谢谢法律服务部。")
    member.get_by_role("button", name="提交评价").click()
    expect(member.locator(".flashes")).to_contain_text("感谢您的评价。")
    expect(member.locator(".enquiry-rating")).to_contain_text("满意")
    check_page(member, "enquiry-12-member-rated")

    # The report counts it.
    agent.goto("/staff/reports/")
    assert int(figure(agent, "咨询诉求")) == volume_before + 1
    check_page(agent, "enquiry-13-report")


def test_a_visitors_message_is_answered_by_mail(new_page, check_page, demo, mail, live_server):
    visitor = new_page("zh-CN")
    visitor.goto("/contact")
    check_page(visitor, "enquiry-20-contact")
    visitor.get_by_role("link", name="在线留言").click()
    expect(visitor).to_have_url(re.compile(r"/contact/message$"))
    check_page(visitor, "enquiry-20-contact-form")
    form = visitor.locator("#contact-form")
    form.get_by_label("您的姓名").fill("孙先生")
    form.get_by_label("电子邮箱（用于接收答复）").fill("sun.visitor@example.net")
    form.get_by_label("主题").fill("非会员企业能否参加商会培训")
    form.get_by_label("留言内容").fill("我们是一家刚成立的软件公司，想参加商会组织的财税培训。")
    form.get_by_role("button", name="提交留言").click()
    expect(visitor.locator(".flashes")).to_contain_text("您的留言已收到，编号 ZX-")
    reference = re.search(r"ZX-\d{4}-\d{6}", visitor.locator(".flashes").inner_text()).group(0)
    check_page(visitor, "enquiry-21-contact-sent")

    # 综合事务部 is the default department: agent2 answers.
    agent = new_page("zh-CN")
    sign_in(agent, "agent2@example.org")
    agent.goto("/staff/enquiries/")
    row = agent.locator(f'tr[data-reference="{reference}"]')
    expect(row).to_contain_text("访客")
    expect(row).to_contain_text("综合事务部")
    row.get_by_role("link", name=reference).click()
    agent.get_by_label("留言内容").fill("孙先生您好！商会培训对非会员企业开放，报名方式见商会网站通知。")
    agent.get_by_role("button", name="发送答复给访客").click()
    expect(agent.locator(".flashes")).to_contain_text("答复已发送。")
    check_page(agent, "enquiry-22-agent-answered-visitor")

    inbox = mail()
    received, answered = inbox.to("sun.visitor@example.net")
    assert received["Subject"] == f"我们已收到您的咨询 {reference}"
    assert answered["Subject"] == f"秘书处已答复您的咨询 {reference}"
    body = text_of(answered)
    assert "商会培训对非会员企业开放" in body
    link = re.search(r"https?://\S+/enquiries/thread/\S+", body).group(0)
    assert link.startswith(live_server)
    response = visitor.goto(link)
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(visitor.locator(".message-staff")).to_contain_text("商会培训对非会员企业开放")
    check_page(visitor, "enquiry-23-visitor-thread")


def test_the_secretariats_enquiry_screens_pass_the_checks(page, new_page, check_page, demo):
    sign_in(page, "admin@example.org")
    for url, name in [("/staff/", "enquiry-30-admin-dashboard"),
                      ("/staff/enquiries/?status=all", "enquiry-31-admin-queue-all"),
                      ("/staff/enquiries/?overdue=y", "enquiry-32-admin-overdue"),
                      ("/staff/categories/", "enquiry-33-categories"),
                      ("/staff/categories/new", "enquiry-34-category-form"),
                      ("/staff/canned-replies/", "enquiry-35-canned-replies"),
                      ("/staff/holidays/?year=2026", "enquiry-36-holidays"),
                      ("/staff/reports/?year=2026", "enquiry-37-reports")]:
        page.goto(url)
        check_page(page, name)
    english = new_page("en")
    sign_in_en(english, "member2@example.org")
    english.goto("/members/enquiries/?show=all")
    check_page(english, "enquiry-38-member-list-en")
    english.get_by_role("link", name="Supply-chain finance platforms for receivables").click()
    expect(english.locator(".enquiry-rating")).to_contain_text("Fairly satisfied")
    check_page(english, "enquiry-39-member-closed-en")


def sign_in_en(page, email):
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def test_the_report_charts_never_widen_a_narrowed_window(page, demo):
    """Chart.js shrinks a chart on its resize observer's next turn; until then the canvas
    keeps its desktop width inline, and a phone-wide window must not scroll sideways."""
    sign_in(page, "admin@example.org")
    page.goto("/staff/reports/?year=2026")
    page.wait_for_function("() => document.getElementById('chart-volume').style.width !== ''")
    page.set_viewport_size({"width": 375, "height": 800})
    scroll, client = page.evaluate("() => [document.documentElement.scrollWidth,"
                                   " document.documentElement.clientWidth]")
    assert scroll <= client
