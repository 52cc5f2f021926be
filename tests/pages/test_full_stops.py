"""A name that ends with a full stop ("Co., Ltd.") ends a sentence without a second one."""

from __future__ import annotations

import pytest

from portal.i18n import before_full_stop


@pytest.mark.parametrize("name, shown", [
    ("Qinghe Intelligent Equipment Co., Ltd.", "Qinghe Intelligent Equipment Co., Ltd"),
    ("青禾智能装备有限公司", "青禾智能装备有限公司"),
    ("Wait...", "Wait..."),
    ("", ""),
    (None, ""),
])
def test_before_full_stop(name, shown):
    assert before_full_stop(name) == shown


def test_the_english_dashboard_and_home_page_say_ltd_once(client, login, make_user,
                                                          make_enterprise):
    enterprise = make_enterprise(name_en="Yuanfan Logistics Co., Ltd.")
    user = make_user(enterprise=enterprise, name="Grace Liu Jr.", language="en")
    welcome = login(user)
    dashboard = client.get(welcome.headers["Location"]).get_data(as_text=True)
    assert "Yuanfan Logistics Co., Ltd." in dashboard
    assert "Ltd.." not in dashboard
    assert "Welcome, Grace Liu Jr." in dashboard and "Jr.." not in dashboard
    home = client.get("/en/").get_data(as_text=True)
    assert "Signed in as Grace Liu Jr." in home and "Jr.." not in home
