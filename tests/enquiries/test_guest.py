"""Visitors' enquiries from the contact page: the guest enquiry, the mails and the signed
link to the thread, the honeypot, the limit per address."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from portal.enquiries.models import Enquiry
from portal.extensions import db
from tests.enquiries.conftest import new_key, outbox, post_message


def contact_form(**fields):
    data = {"name": "吴女士", "email": "Wu.Visitor@Example.net", "phone": "",
            "subject": "场地借用", "body": "请问多功能厅能否借用？", "website": "",
            "key": new_key()}
    data.update(fields)
    return data


def thread_link(app, address, template):
    body = next(m[3] for m in outbox(app) if m[0] == address and m[1] == template)
    return "/" + re.search(r"https?://[^/]+/(enquiries/thread/\S+)", body).group(1)


def test_a_visitors_message_lands_in_the_default_queue(app, client, desk, enquiry):
    response = client.post("/en/contact/message", data=contact_form())
    assert response.status_code == 302 and response.headers["Location"] == "/en/contact"
    assert "received with the reference ZX-" in client.get("/en/contact").get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(Enquiry))
        assert (row.department_id, row.enterprise_id, row.guest_email, row.channel,
                row.status, row.language) == (desk.general.id, None, "wu.visitor@example.net",
                                              "email", "submitted", "en")
    assert [(m[0], m[1]) for m in outbox(app)] == [
        ("wu.visitor@example.net", "enquiry_received"), ("clerk@example.org", "enquiry_new")]


def test_the_reply_reaches_the_visitor_with_a_link_to_the_thread(app, client, make_client,
                                                                  login, desk):
    client.post("/en/contact/message", data=contact_form())
    with app.app_context():
        reference = db.session.scalar(select(Enquiry.reference))
    staff = make_client()
    login(desk.clerk, client=staff)
    post_message(staff, reference, "note", "内部：场地已约满")
    post_message(staff, reference, "reply", "吴女士您好，可以借用。")
    answered = next(m for m in outbox(app) if m[1] == "enquiry_answered")
    assert answered[0] == "wu.visitor@example.net" and "吴女士您好，可以借用。" in answered[3]
    visitor = make_client()
    page = visitor.get(thread_link(app, "wu.visitor@example.net", "enquiry_answered"))
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page.headers["Cache-Control"]
    text = page.get_data(as_text=True)
    assert "吴女士您好，可以借用。" in text and "场地已约满" not in text
    staff.post(f"/staff/enquiries/{reference}/close")
    link = thread_link(app, "wu.visitor@example.net", "enquiry_closed").split("#")[0]
    closed = visitor.get(link).get_data(as_text=True)
    assert 'id="rating"' in closed and f'action="{link}/rate"' in closed
    assert visitor.post(link + "/rate", data={"rating": "satisfied"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Enquiry.rating)) == "satisfied"
    rated = visitor.get(link).get_data(as_text=True)
    assert 'class="enquiry-rating"' in rated and "/rate" not in rated


@pytest.mark.parametrize("token", ["x", "a" * 300, "eyJhIjoxfQ.bad.signature"])
def test_a_bad_or_tampered_link_is_404(client, token):
    assert client.get(f"/enquiries/thread/{token}").status_code == 404


def test_an_expired_link_is_404(app, client, desk):
    client.post("/en/contact/message", data=contact_form())
    link = thread_link(app, "wu.visitor@example.net", "enquiry_received")
    assert client.get(link).status_code == 200
    app.config["GUEST_LINK_MAX_AGE"] = -1
    assert client.get(link).status_code == 404


def test_a_members_enquiry_has_no_visitor_link(app, client, desk, submit):
    from portal.enquiries.visibility import guest_token

    reference = submit(desk.member)
    with app.app_context():
        row = db.session.scalar(select(Enquiry).where(Enquiry.reference == reference))
        token = guest_token(row)
    client.get("/logout")
    assert app.test_client().get(f"/enquiries/thread/{token}").status_code == 404


def test_the_honeypot_stores_nothing_and_says_the_same(app, client, desk):
    response = client.post("/en/contact/message", data=contact_form(website="http://spam.example"),
                           follow_redirects=True)
    assert "Your message has been received" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 0
    assert outbox(app) == []


@pytest.mark.parametrize("fields, message", [
    ({"email": "not-an-address"}, "Please enter a valid e-mail address."),
    ({"name": ""}, "Please enter your name."),
    ({"body": "x" * 5001}, "At most 5000 characters."),
    ({"phone": "call me maybe"}, "Please enter a telephone number."),
])
def test_bad_input_keeps_what_was_typed(app, client, desk, fields, message):
    response = client.post("/en/contact/message",
                           data=contact_form(**{"subject": "保留的主题", **fields}))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page and "保留的主题" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Enquiry.id))) == 0


class TestLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "CONTACT_LIMIT_PER_ADDRESS": "3 per hour"}

    def test_messages_are_limited_per_address_but_mistakes_do_not_count(self, app, client,
                                                                       desk):
        assert client.post("/en/contact/message", data=contact_form(email="bad")).status_code == 400
        for _ in range(3):
            assert client.post("/en/contact/message", data=contact_form()).status_code == 302
        refused = client.post("/en/contact/message", data=contact_form(body="第四条留言，保留原文"))
        assert refused.status_code == 429
        assert "第四条留言，保留原文" in refused.get_data(as_text=True)
        assert client.get("/en/contact/message").status_code == 200
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
        assert other.post("/en/contact/message", data=contact_form()).status_code == 302
        with app.app_context():
            assert db.session.scalar(select(func.count(Enquiry.id))) == 4
