"""The demo settings record (all addresses and numbers invented for the demo)."""

from __future__ import annotations

from portal.extensions import db
from portal.settings.models import SiteSettings

SETTINGS = dict(
    site_name_zh="会员服务门户",
    site_name_en="Member Services Portal",
    hotline="010-6500 1234",
    fax="010-6500 1235",
    email="service@example.org",
    address_zh="北京市东城区示例大街 88 号商会大厦 6 层",
    address_en="6/F Chamber Building, 88 Example Street, Dongcheng District, Beijing",
    postcode="100010",
    icp_number="京ICP备00000000号-1",
    security_filing_number="京公网安备 11010100000000号",
)


def load_demo() -> None:
    db.session.merge(SiteSettings(id=1, **SETTINGS))
