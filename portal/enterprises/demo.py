"""The demo member enterprises (names and codes invented for the demo)."""

from __future__ import annotations

from datetime import date

from portal.enterprises.creditcode import complete_code
from portal.enterprises.models import Enterprise
from portal.extensions import db

ENTERPRISES = [
    # name_zh, name_en, first 17 of the credit code, level, status, joined, expires
    ("青禾智能装备有限公司", "Qinghe Intelligent Equipment Co., Ltd.", "91110108MA01ABCD1",
     "vice_president", "active", date(2019, 3, 12), date(2027, 3, 11)),
    ("远帆跨境物流股份有限公司", "Yuanfan Cross-border Logistics Co., Ltd.", "91310115MA1H2K3L4",
     "director", "active", date(2021, 6, 1), date(2027, 5, 31)),
    ("松林食品科技有限公司", "Songlin Food Technology Co., Ltd.", "91440300MA5D6E7F8",
     "member", "suspended", date(2020, 9, 20), date(2026, 9, 19)),
    ("明川新材料集团有限公司", "Mingchuan New Materials Group Co., Ltd.", "91330100MA2B3C4D5",
     "president", "active", date(2016, 1, 8), date(2028, 1, 7)),
]


def load_demo() -> None:
    for name_zh, name_en, first17, level, status, joined, expires in ENTERPRISES:
        db.session.add(Enterprise(name_zh=name_zh, name_en=name_en,
                                  credit_code=complete_code(first17), level=level,
                                  status=status, joined_on=joined, expires_on=expires))
    db.session.flush()
