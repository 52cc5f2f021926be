"""`flask --app portal import-articles`: the sample pages give the right articles, with
no chrome left in a body, their files, their old addresses; a second run imports nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from portal.dates import SHANGHAI
from portal.extensions import db
from portal.files.models import StoredFile
from portal.news.models import Article, OldAddress
from portal.richtext import plain_text
from tests.news.oldsite.conftest import assert_moved_to

EXPECTED = {
    # title: (status, author, source, Beijing time, first paragraph starts, paragraphs)
    "商会党委召开理论学习中心组专题学习会": (
        "published", "秘书处综合事务部", "商会党委", datetime(2020, 9, 19, 11, 15, 13),
        "9月18日下午，商会党委召开", 5),
    "商会举办2021年会员企业合规经营培训班": (
        "published", "法律服务部", "商会法律服务部", datetime(2021, 6, 8, 14, 30),
        "6月8日，商会在商会大厦举办", 3),
    "关于开展2019年度会员信息年报工作的通知": (
        "published", "宣传部", "商会宣传部", datetime(2018, 12, 3, 16, 5),
        "各会员单位：", 7),
    "关于召开2019年会员大会的通知": (
        "published", "会员部", "本站原创", datetime(2019, 3, 5, 9, 2),
        "各会员单位：", 9),
    "商会工作简报（第5期）": (
        "published", "", "秘书处", datetime(2017, 5, 12), "本期简报摘要如下。", 4),
    "会员企业风采：青松精密仪器有限公司": (
        "draft", "", "", None, "青松精密仪器有限公司成立于2008年", 3),
}
# The sample site's header and footer: none of it may be left in a body.
CHROME = ["今天是", "010-6500 0000", "010-6500 0001", "office@old-chamber.example", "邮编",
          "100000", "备案号", "ICP", "公网安备", "版权所有", "Copyright", "设为首页", "当前位置",
          "首页", "打印", "关闭", "上一篇", "下一篇", "热烈庆祝", "喜迎", "学习贯彻", "不忘初心",
          "分享到", "字体", "栏目导航", "点击", "网站地图"]


def articles(app) -> dict[str, Article]:
    with app.app_context():
        return {a.title_zh: a for a in db.session.scalars(select(Article))}


def paragraphs(body: str) -> list[str]:
    return [plain_text(p) for p in body.split("</p>") if plain_text(p)]


def test_the_sample_pages_give_the_right_articles(app, pages, run_import):
    result = run_import(pages)
    assert result.exit_code == 0, result.output
    found = articles(app)
    assert set(found) == set(EXPECTED)
    for title, (status, author, source, when, first, count) in EXPECTED.items():
        article = found[title]
        assert (article.status, article.author, article.source) == (status, author, source), title
        local = article.publish_at.astimezone(SHANGHAI).replace(tzinfo=None) if when else None
        assert local == when, title
        texts = paragraphs(article.body_zh)
        assert texts[0].startswith(first), title
        assert len(texts) == count, (title, texts)
        assert article.summary_zh.startswith(first)
        for text in texts:
            assert not any(word in text for word in CHROME), (title, text)


def test_hard_wrapped_text_is_rejoined_and_kept_lines_stay(app, pages, run_import):
    run_import(pages)
    texts = paragraphs(articles(app)["关于开展2019年度会员信息年报工作的通知"].body_zh)
    assert texts[1] == ("为及时掌握会员企业的发展情况，更好地为会员提供服务，经研究，决定开展"
                        "2019年度会员信息年报工作。现将有关事项通知如下。")
    assert texts[-2:] == ["示例商会宣传部", "2018年12月3日"]
    notice = paragraphs(articles(app)["关于召开2019年会员大会的通知"].body_zh)
    # A notice's own venue and contact lines are the article's, not the footer's.
    assert "地址：北京市东城区示例路1号" in notice
    assert "时间：2019年3月20日上午9:30" in notice


def test_files_next_to_a_page_are_imported(app, pages, run_import):
    result = run_import(pages)
    found = articles(app)
    with app.app_context():
        party = db.session.get(Article, found["商会党委召开理论学习中心组专题学习会"].id)
        names = [f.original_name for f in party.attachments]
        assert names == ["huiyi.png", "学习材料.pdf"]  # not the logo, nor the sidebar's form
        image = party.attachments[0]
        assert f'<img src="/files/{image.id}/huiyi.png" alt="学习会现场">' in party.body_zh
        notice = db.session.get(Article, found["关于召开2019年会员大会的通知"].id)
        assert [f.original_name for f in notice.attachments] == ["参会回执.docx"]
    assert "baoming.doc: not found next to the page" in result.output
    with app.test_client().get(f"/files/{image.id}/huiyi.png") as response:
        assert response.status_code == 200  # readers may open it: it is attached


def test_old_addresses_are_recorded_and_redirect(app, pages, run_import):
    run_import(pages)
    found = articles(app)
    with app.app_context():
        recorded = dict(db.session.execute(select(OldAddress.path, OldAddress.article_id)).all())
    party = found["商会党委召开理论学习中心组专题学习会"].id
    assert recorded["/html/2020/dangjian_0919/1024.html"] == party  # the page's saved-from mark
    assert recorded["/show.asp?id=5"] == found["商会工作简报（第5期）"].id  # its canonical link
    assert recorded["/oldsite/peixun_0608"] == found["商会举办2021年会员企业合规经营培训班"].id
    assert recorded["/oldsite/tongzhi_0305.htm"] == found["关于召开2019年会员大会的通知"].id
    visitor = app.test_client()
    assert_moved_to(visitor, "/html/2020/dangjian_0919/1024.html", party)
    assert visitor.get("/show.asp?id=5").status_code == 301
    assert visitor.get("/show.asp?id=6").status_code == 404
    # A draft's old address is not sent on (its page does not exist yet).
    assert visitor.get("/oldsite/wuzhuanti.html").status_code == 404


def test_the_report_lists_each_page_and_the_drafts(app, pages, run_import):
    output = run_import(pages).output
    lines = output.splitlines()

    def line_of(name):
        return next(line for line in lines if f"/{name}" in line and "note:" not in line)

    assert line_of("dangjian_0919.html").startswith("imported")
    assert line_of("dangjian_0919_copy.txt").startswith("skipped")
    assert "same title and time" in line_of("dangjian_0919_copy.txt")
    assert line_of("liebiao.html").startswith("skipped")
    assert "no article found" in line_of("liebiao.html")
    assert line_of("wuzhuanti.html").startswith("draft")
    assert "5 imported and published, 1 imported as drafts, 2 skipped, 0 failed." in output
    drafts = output.split("Drafts to check")[1]
    assert "wuzhuanti.html: no author/source/time line" in drafts


def test_a_second_run_imports_nothing(app, pages, run_import):
    run_import(pages)
    with app.app_context():
        before = (db.session.scalar(select(func.count(Article.id))),
                  db.session.scalar(select(func.count(StoredFile.id))),
                  db.session.scalar(select(func.count(OldAddress.id))))
    result = run_import(pages)
    assert result.exit_code == 0
    assert "0 imported and published, 0 imported as drafts, 8 skipped, 0 failed." in result.output
    with app.app_context():
        after = (db.session.scalar(select(func.count(Article.id))),
                 db.session.scalar(select(func.count(StoredFile.id))),
                 db.session.scalar(select(func.count(OldAddress.id))))
    assert after == before


def test_a_single_file_and_the_default_category(app, pages, run_import, make_category):
    make_category(slug="first", position=-1)
    result = run_import(pages / "peixun_0608.txt", slug=None, prefix=None)
    assert "into the category first" in result.output
    assert "no old address recorded" in result.output
    assert "1 imported and published" in result.output


@pytest.mark.parametrize("slug, message", [("nowhere", "No category 'nowhere'")])
def test_an_unknown_category_stops_the_import(app, pages, run_import, slug, message):
    result = run_import(pages, slug=slug)
    assert result.exit_code != 0
    assert message in result.output
