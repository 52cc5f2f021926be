"""Reading one page: the metadata line in its spellings, times, titles, chrome, encodings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.news.oldsite.htmlpage import decode, page_titles, read_html
from portal.news.oldsite.parsing import Block, parse_blocks, parse_time

BODY = ("　　商会秘书处组织召开专题会议，研究部署下一阶段会员服务工作，"
        "要求各部门明确分工、抓好落实。")


def parse_text(text: str):
    return parse_blocks([Block(line) for line in text.splitlines()], plain_text=True)


@pytest.mark.parametrize("line", [
    "作者:秘书处综合事务部  来源:商会党委  发布时间:2020-09-19 11:15:13",
    "作者：秘书处综合事务部　　来源：商会党委　　发布时间：2020-09-19 11:15:13",
    "作者 : 秘书处综合事务部 来源 ：商会党委 发布时间 : 2020-09-19 11:15:13 点击数：12",
    "【作者：秘书处综合事务部】【来源：商会党委】【发布时间：2020-09-19 11:15:13】",
    "作者：秘书处综合事务部 | 来源：商会党委 | 发布时间：2020年9月19日 11:15:13",
    "作者：秘书处综合事务部 来源：商会党委 发布人：admin 发布时间：2020-09-19 11:15:13",
    "2020-09-19 11:15:13　作者：秘书处综合事务部　来源：商会党委",
])
def test_the_metadata_line_in_its_spellings(line):
    parsed = parse_text(f"今天是：2020年9月19日\n商会党委召开学习会\n{line}\n{BODY}\n版权所有")
    assert parsed.problems == []
    assert (parsed.title, parsed.author, parsed.source) == ("商会党委召开学习会",
                                                            "秘书处综合事务部", "商会党委")
    assert parsed.published == datetime(2020, 9, 19, 3, 15, 13, tzinfo=UTC)
    assert parsed.paragraphs == [BODY.strip("　")]


@pytest.mark.parametrize("text, expected", [
    ("2020-09-19 11:15:13", datetime(2020, 9, 19, 3, 15, 13, tzinfo=UTC)),
    ("2020-9-9 8:05", datetime(2020, 9, 9, 0, 5, tzinfo=UTC)),
    ("2020/09/19", datetime(2020, 9, 18, 16, 0, tzinfo=UTC)),
    ("2020年1月1日 0时30分", datetime(2019, 12, 31, 16, 30, tzinfo=UTC)),
    ("2020-02-30", None),
    ("无", None),
])
def test_times_are_beijing_times(text, expected):
    assert parse_time(text) == expected


def test_a_time_line_in_the_body_is_not_the_metadata_line():
    parsed = parse_text(f"年会通知\n时间：2020年3月20日上午9:30\n{BODY}")
    assert "no author/source/time line" in parsed.problems


def test_metadata_spread_over_table_cells():
    page = read_html("<table><tr><td><b>年会通知</b></td></tr><tr><td>作者：会员部</td>"
                     "<td>来源：本站</td><td>发布时间：2019-3-5 9:02</td></tr></table>"
                     f"<p>{BODY}</p>")
    parsed = parse_blocks(page.blocks)
    assert (parsed.title, parsed.author, parsed.source) == ("年会通知", "会员部", "本站")
    assert parsed.problems == []


def test_no_metadata_line_takes_the_pages_heading_and_says_so():
    page = read_html(f"<title>会员风采_示例商会</title><div>首页 | 会员风采</div>"
                     f"<h1>会员风采</h1><p>{BODY}</p>")
    assert page_titles(page)[:2] == ["会员风采", "会员风采_示例商会"]
    parsed = parse_blocks(page.blocks, page_titles(page))
    assert parsed.title == "会员风采"
    assert parsed.problems == ["no author/source/time line"]


def test_a_missing_time_and_a_short_body_are_problems():
    parsed = parse_text("简讯\n作者：宣传部 来源：商会\n　　一句话。")
    assert parsed.problems == ["no publish time in the author/source/time line",
                               "body shorter than 40 characters"]


def test_header_lines_repeated_below_the_article_are_dropped():
    parsed = parse_text(f"示例商会 会员之家\n标题\n发布时间：2020-01-02\n{BODY}\n示例商会 会员之家")
    assert parsed.paragraphs == [BODY.strip("　")]


@pytest.mark.parametrize("data, html, text", [
    ("商会".encode("gb18030"), False, "商会"),
    (b'<meta charset="gb2312">' + "商会".encode("gbk"), True, '<meta charset="gb2312">商会'),
    ("\ufeff商会".encode(), False, "商会"),
    ("商会".encode("utf-16"), False, "商会"),
])
def test_encodings(data, html, text):
    assert decode(data, html) == (text, True)


def test_script_style_and_forms_are_not_text():
    page = read_html("<script>var a='今天是';</script><style>p{}</style><select><option>站内"
                     "</option></select><p>正文 <b>加粗</b>&nbsp;后文</p>")
    assert [b.text for b in page.blocks] == ["正文 加粗\xa0后文"]
