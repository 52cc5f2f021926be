"""The contact page: everything from SiteSettings and a plain map link."""

from __future__ import annotations

from urllib.parse import quote_plus

from portal.extensions import db
from portal.settings.models import SiteSettings


def test_contact_shows_the_settings_and_a_map_link(app, client):
    with app.app_context():
        db.session.add(SiteSettings(id=1, hotline="010-1234 5678", fax="010-1234 5679",
                                    email="office@example.org",
                                    address_zh="北京市东城区示例路 1 号",
                                    address_en="1 Example Road, Beijing", postcode="100010"))
        db.session.commit()
    page = client.get("/en/contact").get_data(as_text=True)
    for value in ("010-1234 5678", "010-1234 5679", "office@example.org",
                  "1 Example Road, Beijing", "100010"):
        assert value in page
    assert 'href="https://map.baidu.com/search/' + quote_plus("北京市东城区示例路 1 号") in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<iframe" not in main and "<script" not in main
    assert 'id="contact-form"' in page


def test_contact_without_settings(client):
    page = client.get("/en/contact").get_data(as_text=True)
    assert "Contact details will be published here soon." in page
    assert "map.baidu.com" not in page
