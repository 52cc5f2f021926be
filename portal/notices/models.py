"""Notice (a member notice: an Article of kind "notice" plus what only notices have), and its
receipts: NoticeRead per user, NoticeAcknowledgement per enterprise."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.database import UTCDateTime, utcnow
from portal.enterprises.models import Audience, Enterprise
from portal.extensions import db
from portal.news.models import Article


class Notice(db.Model):
    """A member notice. Its text, files, status, times and pinning are its Article's (the same
    id): one source, shown in the public 通知公告 category too when `article.audience` is
    "public". The audience says which member enterprises read it in the member area."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                    primary_key=True)
    audience_id: Mapped[int] = mapped_column(ForeignKey("audiences.id"), index=True)
    ack_required: Mapped[bool] = mapped_column(default=False)
    ack_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    article: Mapped[Article] = relationship(lazy="joined", innerjoin=True)
    audience: Mapped[Audience] = relationship()

    @property
    def is_public(self) -> bool:
        return self.article.audience == "public"

    def __repr__(self) -> str:
        return f"<Notice {self.id}>"


class NoticeRead(db.Model):
    """A user's receipt: when they first and last opened the notice."""

    __tablename__ = "notice_reads"
    __table_args__ = (
        UniqueConstraint("notice_id", "user_id"),
        Index("ix_notice_reads_user_notice", "user_id", "notice_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The reader's enterprise (a member's never changes): the report groups by it.
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    first_read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoticeAcknowledgement(db.Model):
    """An enterprise's acknowledgement (回执) of a notice: one per enterprise, who and when."""

    __tablename__ = "notice_acknowledgements"
    __table_args__ = (UniqueConstraint("notice_id", "enterprise_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"),
                                               index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship()
    enterprise: Mapped[Enterprise] = relationship()


def describe_notice(notice: Notice) -> str:
    """How the audit log names a notice: its Chinese title."""
    return f"《{notice.article.title_zh}》"


def notice_link(notice: Notice) -> tuple[str, dict]:
    return "staff.notices.edit", {"notice_id": notice.id}
