"""/members/notices/: the member's notices, unread first; a notice page (which records the
read receipt) and the enterprise's acknowledgement."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.database import reads_only
from portal.extensions import db
from portal.notices import queries, receipts, services

bp = Blueprint("notices", __name__, url_prefix="/notices")
PER_PAGE = 20


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
    unread = queries.unread_notices(current_user, queries.UNREAD_SHOWN + 1) if page == 1 else []
    read, read_total = queries.read_notices(current_user, page, PER_PAGE)
    return render_template("members/notices/index.html", show="", page=page,
                           unread=unread[:queries.UNREAD_SHOWN],
                           more=len(unread) > queries.UNREAD_SHOWN, read=read,
                           read_total=read_total, per_page=PER_PAGE)


@bp.route("/<int:notice_id>")
@reads_only
def detail(notice_id: int):
    notice = services.get_notice_for(current_user, notice_id)
    receipts.record_read(notice.id, current_user, receipts.last_seen(notice.id, current_user))
    return render_template("members/notices/detail.html", notice=notice,
                           article=notice.article,
                           acknowledgement=services.acknowledgement_of(
                               notice, current_user.enterprise))


@bp.route("/<int:notice_id>/acknowledge", methods=["POST"])
def acknowledge(notice_id: int):
    try:
        services.acknowledge_notice(current_user, notice_id)
    except (services.AlreadyAcknowledged, services.NoticeRuleBroken) as error:
        db.session.rollback()
        flash(error.message, "warning")
    else:
        db.session.commit()
        flash(_("Thank you: your enterprise's acknowledgement has been recorded."), "success")
    return redirect(url_for(".detail", notice_id=notice_id))
