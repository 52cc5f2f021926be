"""Member notices: audiences, pages, receipts, acknowledgement, mail, report, reminders."""

from __future__ import annotations

import re
from datetime import timedelta

import time_machine
from sqlalchemy import select

from portal.database import utcnow
from portal.extensions import db
from portal.files.samples import pdf_document
from tests.conftest import mails_to


def status(client, url) -> int:
    """The status of a GET, the response closed (a file download holds its file open)."""
    response = client.get(url)
    response.close()
    return response.status_code


def _file_id(app, notice_id):
    from portal.news.models import ArticleAttachment

    with app.app_context():
        return db.session.scalar(select(ArticleAttachment.file_id).where(
            ArticleAttachment.article_id == notice_id))


def test_a_notice_to_one_level_is_read_only_by_that_level(
        app, client, make_client, login, directors, ordinary, publish_notice):
    notice_id = publish_notice(scope="levels", levels=["director"],
                               files=[("调研提纲.pdf", pdf_document("调研提纲"))])
    _, dong, _ = directors
    _, mo = ordinary
    file_id = _file_id(app, notice_id)

    login(dong)
    page = client.get(f"/members/notices/{notice_id}")
    assert page.status_code == 200
    assert "关于开展年度调研的通知" in page.get_data(as_text=True)
    assert status(client, f"/files/{file_id}/调研提纲.pdf") == 200
    assert "关于开展年度调研的通知" in client.get("/members/notices/").get_data(as_text=True)

    other = make_client()
    login(mo, client=other)
    assert other.get(f"/members/notices/{notice_id}").status_code == 404
    assert status(other, f"/files/{file_id}/调研提纲.pdf") == 404
    assert "关于开展年度调研的通知" not in other.get("/members/notices/").get_data(as_text=True)
    assert "关于开展" not in other.get("/search?q=年度调研").get_data(as_text=True)
    assert "关于开展" in client.get("/search?q=年度调研").get_data(as_text=True)

    visitor = make_client()
    assert status(visitor, f"/files/{file_id}/调研提纲.pdf") == 404
    assert visitor.get(f"/news/{notice_id}").status_code == 404
    assert visitor.get(f"/members/notices/{notice_id}").status_code == 302


def test_an_enterprise_that_leaves_the_audience_loses_access_at_once(
        app, client, login, directors, publish_notice):
    from portal.enterprises.models import Enterprise

    enterprise, dong, _ = directors
    notice_id = publish_notice(scope="levels", levels=["director"])
    login(dong)
    assert client.get(f"/members/notices/{notice_id}").status_code == 200
    with app.app_context():
        db.session.get(Enterprise, enterprise.id).level = "member"
        db.session.commit()
    assert client.get(f"/members/notices/{notice_id}").status_code == 404


def test_chosen_enterprises(app, client, make_client, login, directors, ordinary,
                            publish_notice):
    enterprise, dong, _ = directors
    _, mo = ordinary
    notice_id = publish_notice(scope="enterprises", enterprise_ids=[enterprise.id])
    login(dong)
    assert client.get(f"/members/notices/{notice_id}").status_code == 200
    other = make_client()
    login(mo, client=other)
    assert other.get(f"/members/notices/{notice_id}").status_code == 404


def test_reading_records_a_receipt_and_the_unread_badge_drops(
        app, client, login, directors, publish_notice):
    from portal.notices.models import NoticeRead

    _, dong, _ = directors
    notice_id = publish_notice()
    login(dong)
    assert 'text-bg-danger">1<' in client.get("/members/").get_data(as_text=True)
    client.get(f"/members/notices/{notice_id}")
    client.get(f"/members/notices/{notice_id}")
    with app.app_context():
        reads = db.session.scalars(select(NoticeRead)).all()
        assert len(reads) == 1 and reads[0].user_id == dong.id
        first = reads[0].first_read_at
    with time_machine.travel(utcnow() + timedelta(hours=1)):
        client.get(f"/members/notices/{notice_id}")
    with app.app_context():
        read = db.session.scalars(select(NoticeRead)).one()
        assert read.first_read_at == first and read.last_read_at > first
    assert 'text-bg-danger">1<' not in client.get("/members/").get_data(as_text=True)


def test_acknowledging_once_per_enterprise(app, client, make_client, login, directors,
                                           publish_notice, audit_actions):
    _, dong, dai = directors
    notice_id = publish_notice(ack=True)
    login(dong)
    response = client.post(f"/members/notices/{notice_id}/acknowledge")
    assert response.status_code == 302
    colleague = make_client()
    login(dai, client=colleague)
    page = colleague.get(f"/members/notices/{notice_id}").get_data(as_text=True)
    assert "Acknowledged for your enterprise by Dong" in page
    colleague.post(f"/members/notices/{notice_id}/acknowledge")
    from portal.notices.models import NoticeAcknowledgement

    with app.app_context():
        assert len(db.session.scalars(select(NoticeAcknowledgement)).all()) == 1
    assert "notice.acknowledged" in [a[0] for a in audit_actions()]


def test_publishing_mails_the_audience_in_batches(app, directors, ordinary, publish_notice,
                                                   expand_mail):
    _, dong, dai = directors
    _, mo = ordinary
    with app.app_context():
        from portal.accounts.models import User

        db.session.get(User, dai.id).notice_mail = False
        db.session.commit()
    publish_notice(scope="levels", levels=["director"], ack=True)
    assert mails_to(app, dong.email) == []  # nothing in the editor's request
    app.config["MAILING_BATCH_SIZE"] = 1
    assert expand_mail() == 1
    assert expand_mail() == 0
    [mail] = mails_to(app, dong.email)
    assert "关于开展年度调研的通知" in mail.subject
    assert "/members/notices/" in mail.body_text
    assert mails_to(app, dai.email) == [] and mails_to(app, mo.email) == []


def test_a_scheduled_notice_is_mailed_when_it_appears(app, directors, publish_notice,
                                                       expand_mail):
    _, dong, _ = directors
    publish_notice(action="schedule", when=utcnow() + timedelta(hours=2))
    assert expand_mail() == 0
    with time_machine.travel(utcnow() + timedelta(hours=3)):
        assert expand_mail() == 2
    assert len(mails_to(app, dong.email)) == 1


def test_report_and_reminder(app, client, make_client, login, editor, directors, ordinary,
                             publish_notice, expand_mail):
    enterprise, dong, dai = directors
    _, mo = ordinary
    notice_id = publish_notice(ack=True)
    expand_mail()
    member = make_client()
    login(dong, client=member)
    member.get(f"/members/notices/{notice_id}")
    member.post(f"/members/notices/{notice_id}/acknowledge")
    login(editor)
    page = client.get(f"/staff/notices/{notice_id}/report").get_data(as_text=True)
    assert "Director Co" in page and "Member Co" in page
    assert "Acknowledged: 1" in page
    csv = client.get(f"/staff/notices/{notice_id}/report.csv?state=unacknowledged")
    assert csv.data.startswith("\ufeff".encode())
    assert "Member Co" in csv.get_data(as_text=True) and "Director Co" not in csv.get_data(
        as_text=True)
    # The membership level as the staff read it elsewhere, not its code
    assert "Member unit" in csv.get_data(as_text=True)
    chinese = make_client("zh-CN")
    login(editor, client=chinese)
    lines = chinese.get(f"/staff/notices/{notice_id}/report.csv").get_data(
        as_text=True).splitlines()
    assert "理事单位" in lines[1] + lines[2] and "director" not in "".join(lines[1:]), lines
    xlsx = client.get(f"/staff/notices/{notice_id}/report.xlsx")
    assert xlsx.data[:2] == b"PK"
    assert client.post(f"/staff/notices/{notice_id}/remind").status_code == 302
    expand_mail()
    assert len(mails_to(app, mo.email)) == 2  # the notice, then the reminder
    assert len(mails_to(app, dong.email)) == 1  # acknowledged: no reminder
    client.post(f"/staff/notices/{notice_id}/remind")
    expand_mail()
    assert len(mails_to(app, mo.email)) == 2  # at most once a day


def test_a_public_notice_appears_in_the_public_category(app, make_client, publish_notice):
    notice_id = publish_notice(title_zh="关于公开征集意见的通知", public=True)
    visitor = make_client()
    assert visitor.get(f"/news/{notice_id}").status_code == 200
    assert "关于公开征集意见的通知" in visitor.get("/news/").get_data(as_text=True)


def test_a_member_only_notice_is_in_no_public_place(app, make_client, publish_notice):
    notice_id = publish_notice(title_zh="关于内部事项的通知",
                               files=[("内部.pdf", pdf_document("内部"))])
    file_id = _file_id(app, notice_id)
    visitor = make_client("zh-CN")
    for url in ("/", "/news/", "/news/c/notices/", "/news/feed.atom", "/sitemap.xml",
                "/search?q=内部"):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "关于内部事项" not in response.get_data(as_text=True), url
        assert f"/news/{notice_id}<" not in response.get_data(as_text=True), url
    assert visitor.get(f"/news/{notice_id}").status_code == 404
    assert status(visitor, f"/files/{file_id}/内部.pdf") == 404


def test_an_expired_notice_is_gone(app, client, login, directors, publish_notice):
    _, dong, _ = directors
    notice_id = publish_notice(expires_at=utcnow() + timedelta(hours=1))
    login(dong)
    assert client.get(f"/members/notices/{notice_id}").status_code == 200
    with time_machine.travel(utcnow() + timedelta(hours=2)):
        assert client.get(f"/members/notices/{notice_id}").status_code == 404


def test_the_news_cms_leaves_notices_alone(app, client, login, editor, publish_notice):
    notice_id = publish_notice(title_zh="只在通知里编辑")
    login(editor)
    assert "只在通知里编辑" not in client.get("/staff/news/").get_data(as_text=True)
    assert client.get(f"/staff/news/{notice_id}/edit").status_code == 404
    assert "只在通知里编辑" in client.get("/staff/notices/").get_data(as_text=True)


def test_editor_writes_a_notice_through_the_form(app, client, login, editor, directors,
                                                 expand_mail):
    login(editor)
    assert client.get("/staff/notices/new").status_code == 200
    response = client.post("/staff/notices/new", data={
        "title_zh": "表单通知", "body_zh": "<p>正文</p><script>alert(1)</script>",
        "audience_scope": "levels", "audience_levels": ["director"], "ack_required": "y",
        "ack_deadline": "2030-01-01T10:00", "action": "publish"})
    assert response.status_code == 302, response.get_data(as_text=True)
    edit = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "表单通知" in edit and "<script>alert" not in edit
    response = client.post("/staff/notices/new", data={
        "title_zh": "没有受众", "body_zh": "<p>正文</p>", "audience_scope": "levels",
        "action": "save"})
    assert response.status_code == 400
    assert "Please choose at least one membership level." in response.get_data(as_text=True)


def test_a_notice_page_lists_each_of_its_files_once_in_order(
        client, login, directors, publish_notice):
    _, dong, _ = directors
    notice_id = publish_notice(files=[(f"{name}.pdf", pdf_document(name)) for name in "甲乙丙"])
    login(dong)
    page = client.get(f"/members/notices/{notice_id}").get_data(as_text=True)
    names = re.findall(r'">(.)\.pdf</a>', page)
    assert names == ["甲", "乙", "丙"]
    assert page.count("关于开展年度调研的通知</h1>") == 1
