"""The error summary (templates/_macros/forms.html) at the top of the long staff forms: every
error, each linked to its field."""

from __future__ import annotations

import re

import pytest

SUMMARY = re.compile(r'<div class="alert alert-danger error-summary"[^>]*>(.*?)</div>', re.S)


def summary_links(page: str) -> list[tuple[str, str]]:
    """(href, text) of each link of the page's error summary."""
    found = SUMMARY.search(page)
    assert found, "no error summary on the page"
    return re.findall(r'<a class="alert-link" href="([^"]+)">([^<]+)</a>', found.group(1))


@pytest.fixture
def admin_client(client, login, staff_admin):
    login(staff_admin)
    return client


@pytest.mark.parametrize("url, data, expected", [
    ("/staff/departments/new", {"name_zh": "", "name_en": ""},
     [("#name_zh", "Chinese name: ")]),
    ("/staff/enterprises/new", {"name_zh": "", "credit_code": "123"},
     [("#name_zh", ""), ("#credit_code", "")]),
    ("/staff/settings/", {"site_name_zh": "", "email": "not an address"},
     [("#site_name_zh", ""), ("#email", "")]),
    ("/staff/users/new?kind=staff", {"email": "nobody", "name": ""},
     [("#email", ""), ("#name", ""), ("#department_id", "")]),
])
def test_each_error_is_listed_with_a_link_to_its_field(admin_client, url, data, expected):
    response = admin_client.post(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    links = summary_links(page)
    hrefs = [href for href, _ in links]
    for href, text in expected:
        assert href in hrefs, f"{href} not in {hrefs}"
        assert text in dict(links)[href]
    for href in hrefs:  # every link leads to an element of the page
        assert f'id="{href[1:]}"' in page


def test_a_valid_page_has_no_summary(admin_client):
    assert "error-summary" not in admin_client.get("/staff/departments/new").get_data(
        as_text=True)


def test_a_list_of_checkboxes_is_linked_by_its_first_box(admin_client, staff_admin):
    """The last administrator giving up the role: the error is the roles field's."""
    page = admin_client.post(f"/staff/users/{staff_admin.id}/edit", data={
        "name": staff_admin.name, "department_id": str(staff_admin.department_id),
        "roles": ["agent"]}).get_data(as_text=True)
    links = summary_links(page)
    assert [href for href, _ in links] == ["#roles-0"]
    assert 'id="roles-0"' in page
