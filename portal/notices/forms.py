"""The notice editor's form (the news editor's fields, the audience, acknowledgement, public
and expiry) and the receipt report's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateTimeLocalField, SearchField, SelectField
from wtforms.validators import Length, Optional

from portal.enterprises.services import AudienceFields
from portal.forms import FilterForm, single_line
from portal.news.services import ArticleTextForm, beijing_to_utc, utc_to_beijing

LOCAL_TIME = "%Y-%m-%dT%H:%M"


class NoticeForm(AudienceFields, ArticleTextForm):
    public = BooleanField(_l("Also public: show it in the 通知公告 news category"))
    ack_required = BooleanField(_l("Acknowledgement required (需回执)"))
    ack_deadline = DateTimeLocalField(_l("Acknowledge by (Beijing time)"), format=LOCAL_TIME,
                                      validators=[Optional()])
    expires_at = DateTimeLocalField(_l("Expires at (Beijing time)"), format=LOCAL_TIME,
                                    validators=[Optional()])

    def notice_data(self) -> dict:
        return {"audience": self.audience_data(), "public": self.public.data,
                "ack_required": self.ack_required.data,
                "ack_deadline": beijing_to_utc(self.ack_deadline.data),
                "expires_at": beijing_to_utc(self.expires_at.data)}

    def fill_from_notice(self, notice) -> None:
        self.fill_from(notice.article)
        self.fill_audience(notice.audience)
        self.public.data = notice.is_public
        self.ack_required.data = notice.ack_required
        self.ack_deadline.data = utc_to_beijing(notice.ack_deadline)
        self.expires_at.data = utc_to_beijing(notice.article.expires_at)


REPORT_STATES = [
    ("", _l("All enterprises")), ("acknowledged", _l("Acknowledged")), ("read", _l("Read")),
    ("unread", _l("Not read yet")), ("unacknowledged", _l("Not acknowledged yet")),
]


class ReportFilterForm(FilterForm):
    state = SelectField(_l("Show"), choices=REPORT_STATES, validate_choice=False)
    q = SearchField(_l("Enterprise name"), filters=[single_line], validators=[Length(max=100)])
