"""Languages: the choice order, the switch, the header date, and a complete Chinese catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.accounts.models import User
from portal.dates import today
from portal.extensions import db
from portal.i18n import BilingualName

ROOT = Path(__file__).parent.parent
CATALOG = ROOT / "translations" / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"


class Named(BilingualName):
    def __init__(self, name_zh, name_en=""):
        self.name_zh, self.name_en = name_zh, name_en


def test_a_name_in_both_languages_falls_back_to_the_chinese():
    assert Named("秘书处", "Secretariat").display_name("en") == "Secretariat"
    assert Named("秘书处", "Secretariat").display_name("zh_CN") == "秘书处"
    assert Named("秘书处").display_name("en") == "秘书处"


def test_chinese_is_the_default(make_client):
    page = make_client(language="").get("/").get_data(as_text=True)
    assert '<html lang="zh-CN"' in page
    assert "会员登录" in page
    assert today().strftime("%Y年") in page and "今天是" in page


def test_the_address_decides_the_language_of_a_public_page(make_client):
    for header in ("zh-CN", "en-GB,en;q=0.9", ""):
        client = make_client(language=header)
        client.set_cookie("lang", "en")
        assert '<html lang="zh-CN"' in client.get("/news/").get_data(as_text=True)
        assert '<html lang="en"' in client.get("/en/news/").get_data(as_text=True)
    missing = make_client(language="zh-CN").get("/en/no-such-page")
    assert missing.status_code == 404 and '<html lang="en"' in missing.get_data(as_text=True)


@pytest.mark.parametrize("header", ["zh", "zh-CN", "zh-cn,zh;q=0.9,en;q=0.8", "zh-Hans-CN",
                                    "fr-FR,fr;q=0.9", "", "de,en;q=0.9"])
def test_the_root_stays_chinese_unless_the_browser_puts_english_first(make_client, header):
    response = make_client(language=header).get("/")
    assert response.status_code == 200 and "会员登录" in response.get_data(as_text=True)
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("header", ["en", "en-GB,en;q=0.9", "EN-us, zh;q=0.5"])
def test_only_the_root_sends_an_english_browser_to_en(make_client, header):
    client = make_client(language=header)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/en/"
    assert {"Accept-Language", "Cookie"} <= set(response.headers["Vary"].split(", "))
    assert client.get("/news/").status_code == 200
    assert client.get("/contact").status_code == 200


def test_a_chosen_language_wins_at_the_root(make_client):
    english = make_client(language="en")
    english.set_cookie("lang", "zh_CN")
    assert english.get("/").status_code == 200
    chinese = make_client(language="zh-CN")
    chinese.set_cookie("lang", "en")
    assert chinese.get("/").headers["Location"] == "/en/"


def test_pages_without_a_language_in_their_address_follow_the_browser(make_client):
    assert "会员登录" in make_client(language="zh-CN").get("/login").get_data(as_text=True)
    assert "Member sign-in" in make_client(language="en").get("/login").get_data(as_text=True)


def test_header_date_in_both_languages(make_client):
    date = today()
    zh = make_client(language="en").get("/news/").get_data(as_text=True)
    weekday_zh = "星期" + "一二三四五六日"[date.weekday()]
    assert f"今天是 {date.year}年{date.month}月{date.day}日 {weekday_zh}" in zh
    en = make_client(language="zh-CN").get("/en/news/").get_data(as_text=True)
    assert f"{date.strftime('%A')}, {date.day} {date.strftime('%B')} {date.year}" in en


def test_switch_returns_to_the_same_page_and_is_remembered(make_client):
    client = make_client(language="zh-CN")
    response = client.post("/lang/en", data={"next": "/login?next=/members/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/members/"
    assert "Sign in" in client.get("/login").get_data(as_text=True)
    assert client.get("/").headers["Location"] == "/en/"
    client.post("/lang/zh_CN", data={"next": "/"})
    assert "登录" in client.get("/login").get_data(as_text=True)


def test_switch_refuses_a_foreign_next(make_client):
    response = make_client().post("/lang/en", data={"next": "//evil.example/"})
    assert response.headers["Location"] == "/en/"


def test_user_preference_wins_over_cookie_and_header(app, make_client, login, make_user):
    user = make_user(language="zh_CN")
    client = make_client(language="en")
    client.set_cookie("lang", "en")
    login(user, client=client)
    assert "退出登录" in client.get("/members/").get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_switching_while_signed_in_saves_the_preference(app, client, login, member):
    login(member)
    client.post("/lang/zh_CN", data={"next": "/members/"})
    with app.app_context():
        assert db.session.get(User, member.id).language == "zh_CN"
    assert "您好" in client.get("/members/").get_data(as_text=True)


def test_unknown_language_code_changes_nothing(make_client):
    client = make_client(language="en")
    client.post("/lang/fr", data={"next": "/"})
    assert client.get_cookie("lang") is None


def test_catalog_has_no_untranslated_or_fuzzy_entry():
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == []
    assert fuzzy == []


# As the Makefile's extract-messages: Babel's default skips every folder starting with "_",
# templates/_macros/ among them.
IGNORE_DIRS = ".* node_modules instance build __pycache__"


def test_catalog_covers_every_message_in_the_code():
    """Extraction from the sources finds nothing the catalog lacks."""
    from babel.messages.frontend import CommandLineInterface

    root = CATALOG.parents[3]
    out = root / "build" / "check.pot"
    out.parent.mkdir(exist_ok=True)
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), "-k", "_l", "-k",
        "lazy_gettext", "--ignore-dirs", IGNORE_DIRS, "-o", str(out), str(root),
    ])
    with out.open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    with CATALOG.open("rb") as f:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert sorted(wanted - have) == []
    # An entry no source has is a string removed without `make update-messages`, or one in a
    # folder extraction skipped (pybabel passes over "_" folders such as templates/_macros/
    # unless told otherwise): the next update would drop its translation.
    assert sorted(have - wanted) == []


@pytest.mark.parametrize("language, expected",
                         [("zh_CN", "2026年11月27日"), ("en", "Nov 27, 2026")])
def test_day_filter_shows_the_beijing_date_as_babel_does(app, language, expected):
    from datetime import UTC, date, datetime

    from flask_babel import force_locale, format_date

    from portal.dates import format_day

    late_utc = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)  # 01:30 on the 27th in Beijing
    with app.test_request_context(), force_locale(language):
        assert format_day(late_utc) == expected == format_date(late_utc, "medium")
        assert format_day(date(2026, 11, 27)) == expected
        assert format_day(None) == ""


def test_template_gettext_escapes_formats_and_follows_a_forced_locale(app):
    from flask import render_template_string
    from flask_babel import force_locale

    source = ('{{ _("Search") }}|{{ _("%(query)s – search", query="<b>") }}|'
              '{{ ngettext("%(num)s result for “%(query)s”.", "%(num)s results for “%(query)s”.",'
              ' 2, query="&") }}|{% trans n=3 %}{{ n }} of 100%{% endtrans %}|'
              '{{ _("100%% sure") }}')
    with app.test_request_context("/members/", headers={"Accept-Language": "en"}):
        english = render_template_string(source)
        with force_locale("zh_CN"):
            chinese = render_template_string(source)
        again = render_template_string(source)
    assert english == again == ("Search|&lt;b&gt; – search|2 results for “&amp;”.|3 of 100%|"
                                "100% sure")
    assert chinese.startswith("站内搜索|&lt;b&gt; – 站内搜索|共找到 2 条与“&amp;”相关的结果。")


def test_the_lists_dates_are_beijing_dates_all_year_round():
    """ymd and ymd_hm convert with a fixed UTC+8: the same as Asia/Shanghai's rules."""
    from datetime import UTC, datetime, timedelta

    from portal.dates import SHANGHAI, ymd, ymd_hm

    moment = datetime(1992, 1, 1, tzinfo=UTC)
    while moment < datetime(2040, 1, 1, tzinfo=UTC):
        local = moment.astimezone(SHANGHAI)
        assert ymd(moment) == local.strftime("%Y-%m-%d")
        assert ymd_hm(moment) == local.strftime("%Y-%m-%d %H:%M")
        moment += timedelta(hours=97, minutes=13)
    assert ymd(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == "2027-01-01"
    assert ymd(None) == "" and ymd_hm(None) == ""
