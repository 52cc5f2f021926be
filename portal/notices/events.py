"""What the notices feature hooks into when the app is made: who may download a notice's
files, and who gets the mail when a notice is published or a reminder is asked for."""

from __future__ import annotations

from sqlalchemy import and_, exists, select

from portal.accounts.models import User
from portal.enterprises.models import Enterprise
from portal.enterprises.services import in_audience_condition
from portal.extensions import db
from portal.mail.services import Batch, Recipient, external_url
from portal.notices import acknowledgements, services
from portal.notices.models import Notice, NoticeAcknowledgement


def _recipients(notice: Notice, after_user_id: int, limit: int, unacknowledged: bool):
    """Active members who want notice mail, of the active enterprises of the audience, by id."""
    query = (select(User.id, User.email, User.language, User.name)
             .join(Enterprise, Enterprise.id == User.enterprise_id)
             .where(User.kind == "member", User.active.is_(True), User.notice_mail.is_(True),
                    User.password_hash.is_not(None), User.id > after_user_id,
                    in_audience_condition(notice.audience_id))
             .order_by(User.id).limit(limit))
    if unacknowledged:
        query = query.where(~exists().where(and_(
            NoticeAcknowledgement.notice_id == notice.id,
            NoticeAcknowledgement.enterprise_id == User.enterprise_id)))
    return db.session.execute(query).all()


def _provider(template: str, unacknowledged: bool):
    def provide(notice_id: int, after_user_id: int, limit: int) -> Batch:
        notice = db.session.get(Notice, notice_id)
        if notice is None or not notice.article.is_published():
            return Batch(stop=True)
        link = external_url("members.notices.detail", notice_id=notice.id)
        article = notice.article
        rows = _recipients(notice, after_user_id, limit, unacknowledged)
        return Batch(template=template, recipients=[
            Recipient(user_id=id_, email=email, language=language, context={
                "name": name, "link": link, "title_zh": article.title_zh,
                "title_en": article.title_en if article.has_english else "",
                "deadline": notice.ack_deadline if notice.ack_required else None,
                "ack_required": notice.ack_required})
            for id_, email, language, name in rows])

    return provide


def setup(app) -> None:
    from portal.files.services import register_access_check
    from portal.mail.services import register_mailing_source

    register_access_check(services.FILE_PURPOSE, services.can_download_file)
    register_mailing_source(services.PUBLISHED_MAIL, _provider("notice_published", False))
    register_mailing_source(acknowledgements.REMINDER_MAIL, _provider("notice_reminder", True))
