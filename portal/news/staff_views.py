"""The editors' CMS under /staff/news/ (editor and admin roles)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.access import require_role
from portal.editing import save_from_form
from portal.extensions import db
from portal.files.services import record_rejection
from portal.i18n import current_language, normalise_language
from portal.news import services
from portal.news.forms import ArticleFilterForm, ArticleForm
from portal.news.oldsite import addresses as old_addresses

bp = Blueprint("news", __name__, url_prefix="/news")

require_role(bp, "editor")


def _category_choices(form: ArticleForm) -> None:
    lang = current_language()
    form.category_id.choices = [("", _("Choose a category"))] + [
        (c.id, c.display_name(lang)) for c in services.list_categories()]


def _form_for(article=None) -> ArticleForm:
    form = ArticleForm()
    if article is not None:
        if request.method != "POST":
            form.fill_from(article)
            form.old_addresses.data = "\n".join(old_addresses.addresses_of(article))
        form.remove_attachments.choices = [(f.id, f.original_name) for f in article.attachments]
        form.has_saved_cover = article.cover_image_id is not None
    _category_choices(form)
    return form


def _render(form, article=None, status=200):
    return render_template("staff/news/form.html", form=form, article=article), status


def _save(form: ArticleForm, article=None):
    """Validate, store the text and files, then publish or schedule as the button asked
    (portal/editing.py). A refusal rolls back and shows the form again, as an edit of the
    article as saved (a new article's form again when it was new: its row went with the
    rollback); the preview is the reader's page of the form's text."""
    def save(action):
        return services.save_article(
            current_user, article, form.text_data(), action=action,
            when=form.publish_at_utc(), uploads=form.attachments.data,
            remove_file_ids=form.remove_attachments.data, cover=form.cover_image.data,
            remove_cover=form.remove_cover.data,
            before_publishing=lambda saved: old_addresses.set_old_addresses(
                saved, form.old_addresses.data))

    return save_from_form(
        form, article, save=save, render=_render, messages=MESSAGES,
        saved_url=lambda saved: url_for(".edit", article_id=saved.id),
        preview=lambda: _reader_page(form, article),
        on_rejected_upload=lambda error: record_rejection(current_user, error))


MESSAGES = {
    "save": _l("The article has been saved."),
    "publish": _l("The article has been published."),
    "schedule": _l("The article has been scheduled."),
}


@bp.route("/")
def index():
    form = ArticleFilterForm(request.args)
    categories = services.list_categories()
    form.category.choices = [("", _("All categories"))] + [
        (str(c.id), c.display_name(current_language())) for c in categories]
    query = services.staff_listing(form.category.data or "", form.status.data or "",
                                   form.language.data or "", (form.q.data or "")[:100])
    page = db.paginate(query, per_page=30, error_out=False)
    return render_template("staff/news/index.html", form=form, page=page)


@bp.route("/new", methods=["GET", "POST"])
def create():
    return _save(_form_for())


@bp.route("/<int:article_id>/edit", methods=["GET", "POST"])
def edit(article_id: int):
    article = services.get_article_for_editing(article_id)
    return _save(_form_for(article), article)


def _publish_at(form: ArticleForm):
    return form.publish_at_utc()


def _reader_page(form: ArticleForm | None, article=None):
    """The public article page as a reader of the chosen language would see it: of the
    saved article, or of the form's unsaved text with the files already saved (the files
    chosen in the form are not stored by a preview). Nothing is saved."""
    language = normalise_language(request.values.get("language")) or current_language()
    attachments = article.attachments if article is not None else []
    if form is not None:
        form.validate()  # coerces what it can; a preview shows whatever has been typed
        removed = set(form.remove_attachments.data or ())
        attachments = [f for f in attachments if f.id not in removed]
        article = services.build_preview(
            dict(form.text_data(), remove_cover=form.remove_cover.data), article,
            _publish_at(form) if not form.publish_at.errors else None)
    with force_locale(language):
        return render_template("news/detail.html", article=article, attachments=attachments,
                               preview=True, older=None, newer=None, qr_svg=None)


@bp.route("/preview", methods=["POST"], endpoint="preview_new")
@bp.route("/<int:article_id>/preview", methods=["GET", "POST"])
def preview(article_id: int | None = None):
    """GET: the saved article; POST (the form's preview buttons, in a new tab): the form."""
    article = services.get_article_for_editing(article_id) if article_id is not None else None
    return _reader_page(_form_for(article) if request.method == "POST" else None, article)


def _change(article_id: int, change, message: str):
    article = services.get_article_for_editing(article_id)
    change(current_user, article)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".edit", article_id=article.id))


@bp.route("/<int:article_id>/unpublish", methods=["POST"])
def unpublish(article_id: int):
    return _change(article_id, services.unpublish_article,
                   _("The article has been taken off the site and is a draft again."))


@bp.route("/<int:article_id>/archive", methods=["POST"])
def archive(article_id: int):
    return _change(article_id, services.archive_article, _("The article has been archived."))

