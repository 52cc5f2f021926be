"""/staff/notices/: editors write member notices (the news editor with an audience), follow
their receipts and remind those who have not acknowledged."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.access import require_role
from portal.editing import save_from_form
from portal.enterprises.models import LEVELS
from portal.enterprises.services import active_enterprise_choices, describe_audience
from portal.extensions import db
from portal.files.services import record_rejection
from portal.i18n import current_language
from portal.news.models import Article
from portal.notices import acknowledgements, receipts, services
from portal.notices.forms import REPORT_STATES, NoticeForm, ReportFilterForm
from portal.notices.models import Notice
from portal.spreadsheets import csv_response, xlsx_response
from portal.state_changes import change_state

bp = Blueprint("notices", __name__, url_prefix="/notices")
require_role(bp, "editor")

PER_PAGE = 30
REPORT_PER_PAGE = 100
MESSAGES = {
    "save": _l("The notice has been saved."),
    "publish": _l("The notice has been published. Its audience is being told by e-mail."),
    "schedule": _l("The notice has been scheduled. Its audience will be told by e-mail when "
                   "it appears."),
}


@bp.app_template_global()
def audience_summary(audience) -> str:
    return describe_audience(audience, current_language())


@bp.route("/")
def index():
    query = (select(Notice).join(Notice.article)
             .options(joinedload(Notice.audience))
             .order_by(Article.updated_at.desc(), Article.id.desc()))
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template("staff/notices/index.html", page=page)


def _form_for(notice=None) -> NoticeForm:
    form = NoticeForm()
    if notice is not None:
        if request.method != "POST":
            form.fill_from_notice(notice)
        form.remove_attachments.choices = [(f.id, f.original_name)
                                           for f in notice.article.attachments]
    form.audience_enterprises.choices = active_enterprise_choices(current_language())
    return form


def _render(form, notice=None, preview=None, status=200):
    return render_template("staff/notices/form.html", form=form, notice=notice,
                           article=notice.article if notice else None, preview=preview), status


def _save(form: NoticeForm, notice=None):
    def save(action):
        return services.save_notice(
            current_user, notice, form.text_data(), form.notice_data(), action=action,
            when=form.publish_at_utc(), uploads=form.attachments.data,
            remove_file_ids=form.remove_attachments.data)

    return save_from_form(
        form, notice, save=save, render=_render, messages=MESSAGES,
        saved_url=lambda saved: url_for(".edit", notice_id=saved.id),
        preview=lambda: _render(form, notice,
                                preview=services.build_preview(form.text_data())),
        on_rejected_upload=lambda error: record_rejection(current_user, error))


@bp.route("/new", methods=["GET", "POST"])
def create():
    return _save(_form_for())


@bp.route("/<int:notice_id>/edit", methods=["GET", "POST"])
def edit(notice_id: int):
    notice = services.get_notice_for_editing(notice_id)
    return _save(_form_for(notice), notice)


@bp.route("/<int:notice_id>/preview")
def preview(notice_id: int):
    notice = services.get_notice_for_editing(notice_id)
    return render_template("news/detail.html", article=notice.article, preview=True,
                           older=None, newer=None, qr_svg=None)


def _change(notice_id: int, service, done: str, back_to: str = ".edit"):
    change_state(service, services.get_notice_for_editing(notice_id), done)
    return redirect(url_for(back_to, notice_id=notice_id))


@bp.route("/<int:notice_id>/unpublish", methods=["POST"])
def unpublish(notice_id: int):
    return _change(notice_id, services.unpublish_notice,
                   _("The notice has been withdrawn and is a draft again."))


@bp.route("/<int:notice_id>/archive", methods=["POST"])
def archive(notice_id: int):
    return _change(notice_id, services.archive_notice, _("The notice has been archived."))


@bp.route("/<int:notice_id>/remind", methods=["POST"])
def remind(notice_id: int):
    return _change(notice_id, acknowledgements.remind_notice, _(
        "A reminder is being sent to the enterprises that have not acknowledged."),
        back_to=".report")


def _report_filters():
    form = ReportFilterForm(request.args)
    state = form.state.data if form.state.data in dict(REPORT_STATES) else ""
    return form, state, (form.q.data or "")[:100]


@bp.route("/<int:notice_id>/report")
def report(notice_id: int):
    notice = services.get_notice_for_editing(notice_id)
    form, state, q = _report_filters()
    page_number = max(request.args.get("page", 1, type=int), 1)
    summary = receipts.report_summary(notice)
    rows, total = receipts.report_page(notice, state, q, page_number, REPORT_PER_PAGE, summary)
    pages = max(1, -(-total // REPORT_PER_PAGE))
    return render_template("staff/notices/report.html", notice=notice, form=form, rows=rows,
                           total=total, page=min(page_number, pages), pages=pages,
                           summary=summary, state=state, q=q)


def _export_rows(notice, state, q):
    lang = current_language()
    labels = {"acknowledged": _("Acknowledged"), "read": _("Read"), "unread": _("Not yet")}
    for row in receipts.export_rows(notice, state, q):
        yield [row.name_en if lang == "en" and row.name_en else row.name_zh,
               str(LEVELS[row.level]), labels[row.state], row.first_read_at, row.first_reader,
               row.readers, row.acknowledged_at, row.acknowledged_by]


def _export_header() -> list[str]:
    return [_("Enterprise"), _("Membership level"), _("State"), _("First read"),
            _("First reader"), _("Readers"), _("Acknowledged"), _("Acknowledged by")]


@bp.route("/<int:notice_id>/report.csv")
def report_csv(notice_id: int):
    return _report_download(notice_id, "csv")


@bp.route("/<int:notice_id>/report.xlsx")
def report_xlsx(notice_id: int):
    return _report_download(notice_id, "xlsx")


def _report_download(notice_id: int, kind: str):
    notice = services.get_notice_for_editing(notice_id)
    _form, state, q = _report_filters()
    name = f"{_('Receipts')}-{notice.article.title_zh[:40]}.{kind}"
    rows = _export_rows(notice, state, q)
    if kind == "csv":
        return csv_response(name, _export_header(), rows)
    return xlsx_response(name, _("Receipts"), _export_header(), rows)
