"""The site settings screen (/staff/settings/) and the footer it feeds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db
from portal.settings.models import SiteSettings

VALUES = {
    "site_name_zh": "某商会会员服务门户", "site_name_en": "Chamber Member Portal",
    "hotline": "010-6500 9999", "fax": "010-6500 9998", "email": "office@chamber.example",
    "address_zh": "北京市西城区样例路 1 号", "address_en": "1 Sample Road, Xicheng, Beijing",
    "postcode": "100032", "icp_number": "京ICP备99999999号-2",
    "security_filing_number": "京公网安备 11010202000002号",
}


def test_saving_changes_the_footer_of_every_page_at_once(app, admin_client, make_client):
    response = admin_client.post("/staff/settings/", data=VALUES)
    assert response.status_code == 302
    visitor = make_client()
    for url in ("/en/", "/login"):
        page = visitor.get(url).get_data(as_text=True)
        for key in ("hotline", "fax", "email", "address_en", "postcode", "icp_number",
                    "security_filing_number", "site_name_en"):
            assert VALUES[key] in page, (url, key)
    chinese = make_client("zh-CN").get("/").get_data(as_text=True)
    assert VALUES["address_zh"] in chinese and VALUES["site_name_zh"] in chinese
    staff_page = admin_client.get("/staff/").get_data(as_text=True)
    assert VALUES["hotline"] in staff_page

    admin_client.post("/staff/settings/", data={**VALUES, "hotline": "400-800-1234"})
    assert "400-800-1234" in visitor.get("/en/").get_data(as_text=True)
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "settings.updated").order_by(AuditEvent.id)).all()
    assert len(events) == 2
    assert events[1].details == {"changes": {"hotline": ["010-6500 9999", "400-800-1234"]}}


def test_single_line_fields_strip_cr_lf(app, admin_client):
    admin_client.post("/staff/settings/", data={
        **VALUES, "site_name_en": "Chamber\r\nBcc: x@evil.example", "hotline": "010\n6500"})
    with app.app_context():
        settings = db.session.get(SiteSettings, 1)
    assert settings.site_name_en == "Chamber Bcc: x@evil.example"
    assert "\n" not in settings.hotline and "\r" not in settings.site_name_en


@pytest.mark.parametrize("field, value, message", [
    ("site_name_zh", "", "Please enter the site name."),
    ("email", "not-an-address", "Please enter a valid e-mail address."),
    ("hotline", "call 010", "Only digits, spaces and + ( ) - are allowed"),
    ("postcode", "1000321234567", "At most 12 characters."),
])
def test_bad_values_are_refused_next_to_the_field(app, admin_client, field, value, message):
    response = admin_client.post("/staff/settings/", data={**VALUES, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert f'id="{field}-errors"' in page
    assert VALUES["address_en"] in page  # typed values kept
    with app.app_context():
        assert db.session.get(SiteSettings, 1) is None


def test_unchanged_save_records_nothing(app, admin_client):
    admin_client.post("/staff/settings/", data=VALUES)
    admin_client.post("/staff/settings/", data=VALUES)
    with app.app_context():
        assert len(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "settings.updated")).all()) == 1
