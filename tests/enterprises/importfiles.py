"""Import files written by the tests: CSV in the encodings Excel uses, and real XLSX workbooks."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import Workbook

from portal.enterprises.creditcode import complete_code

HEADER = ["企业名称", "英文名称", "统一社会信用代码", "会员级别", "入会日期", "到期日期"]


def code(n: int) -> str:
    return complete_code(f"91320500MA{n:07d}")


def bad_check(n: int) -> str:
    good = code(n)
    return good[:17] + ("1" if good[17] != "1" else "2")


GOOD_ROWS = [
    ["苏州青禾精密机械有限公司", "Suzhou Qinghe Precision Machinery Co., Ltd.", code(1), "会长单位",
     "2020-01-15", "2027-01-14"],
    ["南通远帆纺织股份有限公司", "", code(2), "副会长单位", "2021/6/1", "2027/5/31"],
    ["无锡松林食品有限公司", "Wuxi Songlin Foods", code(3), "理事单位", "2022年3月8日", ""],
    ["常州明川新材料有限公司", "", code(4), "member", "", ""],
]


def csv_bytes(rows, encoding="utf-8", header=HEADER) -> bytes:
    """A CSV file as Excel writes it: CRLF line ends; 'utf-8-sig' gives the BOM."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    """An XLSX workbook; cells that look like dates are written as real date cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "会员企业"
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    return value if value != "" else None
