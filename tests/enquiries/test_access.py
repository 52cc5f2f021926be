"""Who reaches which enquiry: 404 for reads and writes of what is not one's own, attachments
included, whatever the id is paired with; internal notes for the secretariat only."""

from __future__ import annotations

import io
import re

import pytest

from portal.files.samples import pdf_document
from tests.enquiries.conftest import form, new_key, reference_of

MEMBER_URLS = [
    ("get", "/members/enquiries/{ref}"),
    ("post", "/members/enquiries/{ref}/message"),
    ("post", "/members/enquiries/{ref}/close"),
    ("post", "/members/enquiries/{ref}/rate"),
]
STAFF_URLS = [
    ("get", "/staff/enquiries/{ref}"),
    ("post", "/staff/enquiries/{ref}/accept"),
    ("post", "/staff/enquiries/{ref}/start"),
    ("post", "/staff/enquiries/{ref}/close"),
    ("post", "/staff/enquiries/{ref}/message"),
    ("post", "/staff/enquiries/{ref}/assign"),
    ("post", "/staff/enquiries/{ref}/transfer"),
]


def _with_file(client, login, user, name="营业执照.pdf", **fields):
    login(user, client=client)
    response = client.post("/members/enquiries/new", data=form(
        attachments=[(io.BytesIO(pdf_document("x")), name)], **fields),
        content_type="multipart/form-data")
    reference = reference_of(response)
    page = client.get(f"/members/enquiries/{reference}").get_data(as_text=True)
    file_id = int(re.search(rf"/members/enquiries/{reference}/files/(\d+)/", page).group(1))
    return reference, file_id


@pytest.fixture
def two(client, make_client, login, desk):
    """An enquiry of each enterprise, each with an attachment (legal department)."""
    mine = _with_file(client, login, desk.member, category_id=str(desk.categories.legal))
    other_client = make_client()
    theirs = _with_file(other_client, login, desk.stranger, "合同.pdf",
                        category_id=str(desk.categories.legal))
    return mine, theirs


def test_another_enterprises_enquiry_is_404_for_reads_and_writes(client, login, desk, two,
                                                                 enquiry):
    (mine, my_file), (theirs, their_file) = two
    login(desk.member)
    for method, url in MEMBER_URLS:
        response = getattr(client, method)(url.format(ref=theirs),
                                           data={"body": "x", "key": new_key(),
                                                 "rating": "satisfied"})
        assert response.status_code == 404, url
    assert client.get(f"/members/enquiries/{theirs}/files/{their_file}/合同.pdf").status_code \
        == 404
    # Another enterprise's file paired with one's own enquiry, and through the plain route.
    assert client.get(f"/members/enquiries/{mine}/files/{their_file}/合同.pdf").status_code \
        == 404
    assert client.get(f"/files/{their_file}/合同.pdf").status_code == 404
    assert enquiry(theirs).status == "submitted"
    assert client.get("/members/enquiries/ZX-2026-999999").status_code == 404
    assert client.get("/members/enquiries/" + "Z" * 500).status_code == 404


def test_every_user_of_the_enterprise_sees_its_enquiries(client, make_client, login, desk, two):
    (mine, my_file), _ = two
    colleague = make_client()
    login(desk.colleague, client=colleague)
    assert colleague.get(f"/members/enquiries/{mine}").status_code == 200
    download = colleague.get(f"/members/enquiries/{mine}/files/{my_file}/营业执照.pdf")
    assert download.status_code == 200
    download.close()
    listing = colleague.get("/members/enquiries/").get_data(as_text=True)
    assert mine in listing and two[1][0] not in listing


def test_agents_see_their_department_and_admins_all(make_client, login, desk, two):
    (mine, my_file), _ = two
    for user, expected in ((desk.lawyer, 200), (desk.lawyer2, 200), (desk.admin, 200),
                           (desk.clerk, 404)):
        staff = make_client()
        login(user, client=staff)
        for method, url in STAFF_URLS:
            if method == "get" or expected == 404:
                response = getattr(staff, method)(url.format(ref=mine))
                assert response.status_code == expected, (user.email, url)
        files = staff.get(f"/staff/enquiries/{mine}/files/{my_file}/营业执照.pdf")
        assert files.status_code == expected
        files.close()
    editor = make_client()
    login(desk.editor, client=editor)
    assert editor.get(f"/staff/enquiries/{mine}").status_code == 403
    assert editor.get("/staff/enquiries/").status_code == 403


def test_a_transfer_changes_who_may_see_it(
        app, make_client, login, desk, submit, as_user):
    """A transfer moves the enquiry out of one department's reach and into another's."""
    from portal.enquiries import lifecycle

    reference = submit(desk.member)  # general affairs
    clerk = make_client()
    login(desk.clerk, client=clerk)
    assert clerk.get(f"/staff/enquiries/{reference}").status_code == 200
    lawyer = make_client()
    login(desk.lawyer, client=lawyer)
    assert lawyer.get(f"/staff/enquiries/{reference}").status_code == 404
    as_user(desk.clerk, lifecycle.transfer_enquiry, reference, desk.legal.id, "法律问题")
    assert lawyer.get(f"/staff/enquiries/{reference}").status_code == 200
    assert clerk.get(f"/staff/enquiries/{reference}").status_code == 404


def test_internal_note_files_are_for_the_secretariat_only(app, client, make_client, login,
                                                          desk, two):
    (mine, _), _ = two
    staff = make_client()
    login(desk.lawyer, client=staff)
    staff.post(f"/staff/enquiries/{mine}/message", data={
        "action": "note", "body": "内部材料", "key": new_key(),
        "attachments": [(io.BytesIO(pdf_document("内部")), "内部评估.pdf")]},
        content_type="multipart/form-data")
    page = staff.get(f"/staff/enquiries/{mine}").get_data(as_text=True)
    note_file = int(re.search(rf'/staff/enquiries/{mine}/files/(\d+)/[^"]+">内部评估.pdf',
                              page).group(1))
    login(desk.member)
    assert "内部评估" not in client.get(f"/members/enquiries/{mine}").get_data(as_text=True)
    assert client.get(f"/members/enquiries/{mine}/files/{note_file}/x.pdf").status_code == 404
    assert client.get(f"/files/{note_file}/内部评估.pdf").status_code == 404
    response = staff.get(f"/files/{note_file}/内部评估.pdf")
    assert response.status_code == 200
    response.close()


def test_visitors_are_sent_to_sign_in(client, desk, two):
    (mine, my_file), _ = two
    client.get("/logout")
    anonymous = client.application.test_client()
    assert anonymous.get(f"/members/enquiries/{mine}").status_code == 302
    assert anonymous.get(f"/files/{my_file}/营业执照.pdf").status_code == 404
