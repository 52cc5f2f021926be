"""/members/notices/: the member's notices, unread first; a notice page (which records the
read receipt) and the enterprise's acknowledgement."""

from __future__ import annotations

from typing import NamedTuple

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.chrome import url_once
from portal.database import utcnow
from portal.dates import ymd, ymd_hm
from portal.extensions import db
from portal.i18n import translate as _
from portal.notices import acknowledgements, queries, receipts, services
from portal.reading import reads_only

bp = Blueprint("notices", __name__, url_prefix="/notices")
PER_PAGE = 20


class NoticeEntry(NamedTuple):
    url: str
    title: str
    chinese_fallback: bool  # an English reader gets the Chinese title
    pinned: bool
    unread: bool
    iso: str
    date: str
    ack_class: str  # "" when no acknowledgement is asked for
    ack_text: str


@bp.app_template_global()
def notice_entries(items: list[queries.ListedNotice], lang: str) -> list[NoticeEntry]:
    """What a list of notices shows of each (templates/members/notices/_list.html), worked
    out in Python as the news lists are (news.views.list_entries): per item, Jinja's method
    calls, url_for() and translations cost more than the rest of a member's page."""
    prefix = url_once("members.notices.detail", notice_id=0)[:-1]
    now = utcnow()
    entries = []
    for n in items:
        ack_class, ack_text = "", ""
        if n.ack_required:
            if n.acknowledged:
                ack_class, ack_text = "text-success", _("Acknowledged")
            elif n.overdue(now):
                ack_class = "text-danger fw-bold"
                ack_text = _("Acknowledgement overdue (due %(when)s)", when=ymd_hm(n.ack_deadline))
            elif n.ack_deadline:
                ack_class = "text-danger"
                ack_text = _("Please acknowledge by %(when)s", when=ymd_hm(n.ack_deadline))
            else:
                ack_class, ack_text = "text-danger", _("Please acknowledge")
        entries.append(NoticeEntry(
            url=f"{prefix}{n.id}", title=n.title(lang),
            chinese_fallback=n.shown_language(lang) != lang, pinned=n.pinned,
            unread=not n.read, iso=n.publish_at.isoformat(timespec="seconds"),
            date=ymd(n.publish_at), ack_class=ack_class, ack_text=ack_text))
    return entries


@bp.route("/")
@reads_only
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    show = request.args.get("show", "")
    if show == "unread":
        items = queries.unread_notices(current_user, PER_PAGE + 1, (page - 1) * PER_PAGE)
        return render_template("members/notices/index.html", show=show, page=page,
                               unread=items[:PER_PAGE], more=len(items) > PER_PAGE,
                               read=[], read_total=0, per_page=PER_PAGE)
    unread, read, read_total = queries.notice_list(
        current_user, queries.UNREAD_SHOWN + 1 if page == 1 else 0, page, PER_PAGE)
    return render_template("members/notices/index.html", show="", page=page,
                           unread=unread[:queries.UNREAD_SHOWN],
                           more=len(unread) > queries.UNREAD_SHOWN, read=read,
                           read_total=read_total, per_page=PER_PAGE)


@bp.route("/<int:notice_id>")
@reads_only
def detail(notice_id: int):
    page = services.notice_page_for(current_user, notice_id)
    receipts.record_read(notice_id, current_user, page.last_seen)
    return render_template("members/notices/detail.html", notice=page.notice,
                           article=page.notice.article, acknowledgement=page.acknowledgement)


@bp.route("/<int:notice_id>/acknowledge", methods=["POST"])
def acknowledge(notice_id: int):
    try:
        acknowledgements.acknowledge_notice(current_user, notice_id)
    except (acknowledgements.AlreadyAcknowledged, services.NoticeRuleBroken) as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(_("Thank you: your enterprise's acknowledgement has been recorded."), "success")
    return redirect(url_for(".detail", notice_id=notice_id))
