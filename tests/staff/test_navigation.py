"""The staff navigation shows the sections the user's roles allow."""

from __future__ import annotations

import pytest

ADMIN_LINKS = ("/staff/enterprises/", "/staff/users/", "/staff/departments/",
               "/staff/settings/", "/staff/audit/")


def nav(page: str) -> str:
    start = page.find('class="staff-nav"')
    return page[start:page.find("</nav>", start)] if start >= 0 else ""


def test_admin_sees_every_admin_section_and_the_current_one_marked(client, login, staff_admin):
    login(staff_admin)
    links = nav(client.get("/staff/users/").get_data(as_text=True))
    for href in ADMIN_LINKS:
        assert f'href="{href}"' in links
    assert 'href="/staff/users/" aria-current="page"' in links
    links = nav(client.get("/staff/users/1/edit").get_data(as_text=True))
    assert 'href="/staff/users/" aria-current="page"' in links


@pytest.mark.parametrize("role", ["agent", "editor"])
def test_other_staff_see_no_admin_sections(client, login, make_user, role):
    login(make_user(kind="staff", roles=(role,)))
    page = client.get("/staff/").get_data(as_text=True)
    for href in ADMIN_LINKS:
        assert f'href="{href}"' not in page
