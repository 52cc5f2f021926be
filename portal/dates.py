"""Dates and times as the portal shows them: in Beijing time (the site's time zone), today's
date there, a day in the reader's locale (format_day, the "day" filter), a moment
(format_when, the "when" filter), and the lists' locale-free yyyy-mm-dd (ymd, ymd_hm).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from flask_babel import format_date, format_datetime, get_locale, to_user_timezone
from flask_babel import gettext as _

SHANGHAI = ZoneInfo("Asia/Shanghai")


def today() -> date:
    return datetime.now(SHANGHAI).date()


def format_today() -> str:
    # Translators: a CLDR date pattern for the date in the page header; keep the letters.
    pattern = _("EEEE, d MMMM y")
    return _formatted_day(today(), pattern, get_locale())


@lru_cache(maxsize=4096)
def _formatted_day(day: date, pattern: str, locale: Locale) -> str:
    """The same for every request of a day and language: formatted once."""
    return babel_format_date(day, pattern, locale=locale)


def format_day(value) -> str:
    """A date (a datetime: its date in the site's time zone) in the locale's medium format,
    e.g. 2026年11月26日 / 26 Nov 2026; formatted once per day and language (a search page
    shows ten)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return _formatted_moment_day(value, get_locale())
    if isinstance(value, date):
        return _formatted_day(value, "medium", get_locale())
    return format_date(value, "medium")


@lru_cache(maxsize=4096)
def _formatted_moment_day(moment: datetime, locale: Locale) -> str:
    # The site's time zone is configuration (BABEL_DEFAULT_TIMEZONE): fixed while it runs.
    return _formatted_day(to_user_timezone(moment).date(), "medium", locale)


# Beijing time for the lists' dates: China has kept UTC+8, without summer time, since 1991,
# and a fixed offset converts several times faster than the zone's rules.
BEIJING = timezone(timedelta(hours=8))


def ymd(value) -> str:
    """A UTC datetime as its Beijing date, yyyy-mm-dd: the same in every locale, so lists
    skip Babel's formatting (a tenth of a list page's time). The template filter "ymd"."""
    if not value:
        return ""
    day = value.astimezone(BEIJING)
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def ymd_hm(value) -> str:
    """A UTC datetime as Beijing date and time, yyyy-mm-dd hh:mm (any locale, no Babel)."""
    if not value:
        return ""
    moment = value.astimezone(BEIJING)
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
            f"{moment.hour:02d}:{moment.minute:02d}")


def format_when(value: datetime | None, fmt: str = "medium") -> str:
    """A UTC datetime shown in Asia/Shanghai time in the current locale."""
    if value is None:
        return ""
    return format_datetime(value, fmt)


def register_date_helpers(app) -> None:
    app.jinja_env.globals.update(format_today=format_today,
                                 today_iso=lambda: today().isoformat())
    app.jinja_env.filters["when"] = format_when
    app.jinja_env.filters["day"] = format_day
