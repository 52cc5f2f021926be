"""Members submit enquiries: routing, references, deadlines, mails, attachments, idempotency,
bad input, privileged fields, an expired form, and concurrent submissions."""

from __future__ import annotations

import io
import re
import threading
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from portal.enquiries.models import Enquiry, EnquiryMessage
from portal.extensions import db
from portal.files.samples import pdf_document
from tests.enquiries.conftest import form, new_key, outbox, reference_of


def test_a_member_submits_and_it_lands_in_the_category_department(
        app, client, desk, submit, enquiry):
    reference = submit(desk.member, category_id=str(desk.categories.legal), subject="合同违约",
                       body="对方延期交货40天。\r\n请问违约金如何主张？")
    assert re.fullmatch(r"ZX-20\d\d-000001", reference)
    row = enquiry(reference)
    assert (row.department_id, row.enterprise_id, row.author_id, row.status) == (
        desk.legal.id, desk.enterprise.id, desk.member.id, "submitted")
    assert row.due_at == row.first_due_at and row.due_at > row.submitted_at
    page = client.get(f"/members/enquiries/{reference}").get_data(as_text=True)
    assert "对方延期交货40天。\n请问违约金如何主张？" in page
    mails = outbox(app)
    assert [(to, template) for to, template, *_ in mails] == [
        ("liming@example.com", "enquiry_received"), ("lawyer@example.org", "enquiry_new"),
        ("lawyer2@example.org", "enquiry_new")]
    assert reference in mails[0][3] and f"/members/enquiries/{reference}" in mails[0][3]
    assert f"/staff/enquiries/{reference}" in mails[1][3]


def test_without_a_category_it_goes_to_the_default_department(desk, submit, enquiry):
    assert enquiry(submit(desk.member)).department_id == desk.general.id
    assert enquiry(submit(desk.member, category_id=str(desk.categories.other))).department_id \
        == desk.general.id


def test_references_count_up_per_year(desk, submit):
    references = [submit(desk.member) for _ in range(3)]
    numbers = [int(r.rsplit("-", 1)[1]) for r in references]
    assert numbers == [1, 2, 3]


def test_privileged_fields_in_the_post_are_ignored(app, client, login, desk, enquiry):
    login(desk.member)
    response = client.post("/members/enquiries/new", data=form(
        status="closed", department_id=str(desk.membership.id), enterprise_id=str(
            desk.other_enterprise.id), author_id=str(desk.stranger.id), reference="ZX-2000-999999",
        assignee_id=str(desk.lawyer.id), rating="satisfied"))
    row = enquiry(reference_of(response))
    assert (row.status, row.department_id, row.enterprise_id, row.author_id, row.assignee_id,
            row.rating) == ("submitted", desk.general.id, desk.enterprise.id, desk.member.id,
                            None, None)
    assert row.reference != "ZX-2000-999999"


def test_a_form_sent_twice_makes_one_enquiry(app, client, login, desk):
    login(desk.member)
    data = form(subject="双击")
    first = client.post("/members/enquiries/new", data=data)
    second = client.post("/members/enquiries/new", data=data)
    assert reference_of(first) == reference_of(second)
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 1
    assert len([m for m in outbox(app) if m[1] == "enquiry_received"]) == 1


def test_another_senders_key_is_refused_without_a_word_about_their_enquiry(
        client, login, make_client, desk):
    login(desk.member)
    data = form(subject="机密事项")
    client.post("/members/enquiries/new", data=data)
    other = make_client()
    login(desk.stranger, client=other)
    response = other.post("/members/enquiries/new", data=data)
    assert response.status_code == 400
    assert "机密事项" not in response.get_data(as_text=True).split("<form")[0]


@pytest.mark.parametrize("fields, message", [
    ({"subject": ""}, "Please enter a subject."),
    ({"subject": "长" * 101}, "At most 100 characters."),
    ({"body": "   "}, "Please write your message."),
    ({"body": "字" * 5001}, "At most 5000 characters."),
    ({"channel": "phone", "phone": ""}, "Please give a telephone number"),
    ({"channel": "fax"}, "Not a valid choice"),
    ({"category_id": "99999"}, "Not a valid choice"),
    ({"key": "short"}, None),
])
def test_bad_input_is_refused_with_the_text_kept(app, client, login, desk, fields, message):
    login(desk.member)
    data = form(**{"body": "我的问题很长，请保留。", **fields})
    response = client.post("/members/enquiries/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    if message:
        assert message in page
    if "body" not in fields:
        assert "我的问题很长，请保留。" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 0


def test_control_characters_are_removed(desk, submit, enquiry, app):
    reference = submit(desk.member, subject="标题\x00\r\n第二行",
                       body="正文\x00\x07内容\n\n下一段 ")
    with app.app_context():
        row = db.session.scalar(select(Enquiry).where(Enquiry.reference == reference))
        assert row.subject == "标题 第二行"
        assert row.messages[0].body == "正文内容\n\n下一段"


def _pdf(name="合同（草稿）.pdf"):
    return (io.BytesIO(pdf_document("合同")), name)


def test_a_chinese_named_attachment_is_kept_and_served_with_its_name(app, client, login, desk):
    login(desk.member)
    response = client.post("/members/enquiries/new", data=form(attachments=[_pdf()]),
                           content_type="multipart/form-data")
    reference = reference_of(response)
    page = client.get(f"/members/enquiries/{reference}").get_data(as_text=True)
    link = re.search(rf'href="(/members/enquiries/{reference}/files/\d+/[^"]+)"', page).group(1)
    download = client.get(link)
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert quote("合同（草稿）.pdf") in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    download.close()


def test_a_refused_file_stores_nothing_and_keeps_the_text(app, client, login, desk):
    login(desk.member)
    response = client.post("/members/enquiries/new", data=form(
        body="附件被拒时保留的文字", attachments=[(io.BytesIO(b"<html>x</html>"), "报告.pdf")]),
        content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "附件被拒时保留的文字" in page and "报告.pdf" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 0


def test_more_than_five_files_are_refused(client, login, desk):
    login(desk.member)
    response = client.post("/members/enquiries/new", data=form(
        attachments=[_pdf(f"{n}.pdf") for n in range(6)]), content_type="multipart/form-data")
    assert response.status_code == 400
    assert "At most 5 files at a time." in response.get_data(as_text=True)


def test_staff_cannot_submit_as_a_member(app, client, login, desk):
    login(desk.lawyer)
    assert client.post("/members/enquiries/new", data=form()).status_code in (302, 403)
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 0


TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class TestExpiredForm:
    """A form sent with a token the session no longer accepts comes back filled in
    (portal/resend.py); sent again, it makes one enquiry or message."""

    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @pytest.fixture
    def signed_in(self, client, desk):
        token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
        assert client.post("/login", data={"email": desk.member.email, "csrf_token": token,
                                           "password": "correct horse battery"}).status_code \
            == 302
        return client

    def test_a_new_enquiry_comes_back_and_is_sent_once(self, app, signed_in):
        data = form(subject="表单过期", body="写了很久的内容", csrf_token="an-old-token")
        response = signed_in.post("/members/enquiries/new", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "This form had expired" in page and "写了很久的内容" in page
        assert data["key"] in page
        fresh = TOKEN.search(page).group(1)
        for _ in range(2):  # sent again, and once more by a double click
            assert signed_in.post("/members/enquiries/new",
                                  data={**data, "csrf_token": fresh}).status_code == 302
        with app.app_context():
            assert db.session.scalar(select(func.count(Enquiry.id))) == 1

    def test_a_message_comes_back_too(self, app, signed_in, desk):
        page = signed_in.get("/members/enquiries/new").get_data(as_text=True)
        reference = reference_of(signed_in.post("/members/enquiries/new", data=form(
            csrf_token=TOKEN.search(page).group(1))))
        response = signed_in.post(f"/members/enquiries/{reference}/message", data={
            "body": "补充说明的长文字", "key": new_key(), "csrf_token": "old"})
        assert response.status_code == 400
        assert "补充说明的长文字" in response.get_data(as_text=True)
        assert signed_in.get(f"/members/enquiries/{reference}/message").status_code == 302
        with app.app_context():
            assert db.session.scalar(select(func.count(EnquiryMessage.id))) == 1


def test_mail_server_down_the_enquiry_is_saved_and_sent_later(app, client, login, desk):
    """The request only writes the outbox; delivery happens apart, and retries until the
    mail server is back."""
    import socket
    import time

    import time_machine
    from aiosmtpd.controller import Controller

    from portal.mail.models import OutboxMessage
    from portal.mail.sender import send_pending

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app.config.update(MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT=2)
    login(desk.member)
    started = time.perf_counter()
    response = client.post("/members/enquiries/new", data=form())
    assert response.status_code == 302 and time.perf_counter() - started < 1.5
    with app.app_context():
        report = send_pending()
        db.session.remove()
    assert report.sent == 0 and report.retried >= 1
    with app.app_context():
        assert set(db.session.scalars(select(OutboxMessage.status))) == {"queued"}
        assert db.session.scalar(select(func.count(Enquiry.id))) == 1

    class Inbox:
        received = []

        async def handle_DATA(self, server, session, envelope):
            self.received.append(envelope.rcpt_tos)
            return "250 Message accepted"

    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with time_machine.travel(time.time() + 3600, tick=True), app.app_context():
            report = send_pending()
            db.session.remove()
    finally:
        controller.stop()
    assert report.sent == 2
    assert sorted(to for (to,) in Inbox.received) == ["clerk@example.org", "liming@example.com"]


def test_concurrent_submissions_get_unique_references(app, desk):
    """Real threads submitting at once (each its own connection): no error, no duplicate
    reference, no gap; the same key sent twice at once makes one enquiry."""
    from portal.accounts.models import User
    from portal.enquiries.submission import submit_enquiry

    errors, made = [], []
    shared_key = new_key()
    start = threading.Barrier(12, timeout=30)

    def worker(n):
        try:
            with app.test_request_context("/members/enquiries/new", method="POST"):
                start.wait()  # before the first statement: on SQLite a POST's takes the lock
                actor = db.session.get(User, desk.member.id)
                submitted = submit_enquiry(actor, key=shared_key if n < 4 else new_key(),
                                           category_id=None, subject=f"并发{n}", body="内容",
                                           channel="portal")
                db.session.commit()
                made.append(submitted.enquiry.reference)
        except Exception as error:  # noqa: BLE001 - every failure is the test's finding
            errors.append(repr(error))
        finally:
            with app.app_context():
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with app.app_context():
        references = sorted(db.session.scalars(select(Enquiry.reference)))
        assert len(references) == 9  # 8 own keys + 1 for the shared key
        assert [int(r.rsplit("-", 1)[1]) for r in references] == list(range(1, 10))
        assert db.session.scalar(select(func.count(EnquiryMessage.id))) == 9
    assert len(set(made)) == 9 and len(made) == 12
