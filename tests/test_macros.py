"""The shared template macros (templates/_macros/): what the lists and forms rely on."""

from __future__ import annotations

import re
from types import SimpleNamespace

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired

from portal.forms import MultiCheckboxField

ENGLISH = {"Accept-Language": "en"}


class ExampleForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Please enter the name.")])
    roles = MultiCheckboxField("Roles", choices=[("a", "A"), ("b", "B")],
                               validators=[DataRequired("Choose a role.")])
    token = HiddenField(validators=[DataRequired("Missing.")])


def render(source, **context):
    return render_template_string(
        '{% from "_macros/forms.html" import error_summary, field, filter_bar, post_button %}'
        '{% from "_macros/lists.html" import data_table, pager %}' + source, **context)


def test_error_summary_links_every_visible_error_to_its_field(app):
    with app.test_request_context("/staff/", method="POST", data={}, headers=ENGLISH):
        form = ExampleForm()
        assert not form.validate()
        html = render("{{ error_summary(form) }}", form=form)
        quiet = ExampleForm(formdata=None)
        assert render("{{ error_summary(form) }}", form=quiet).strip() == ""
    assert "data-error-summary" in html and "Please correct the following:" in html
    assert re.findall(r'href="#([^"]+)"', html) == ["name", "roles-0"]
    assert "Please enter the name." in html and "Choose a role." in html
    assert "<li>Missing.</li>" in html  # a hidden field has nowhere to link to: said plainly


def test_field_renders_a_list_of_checkboxes_as_a_fieldset_with_its_errors(app):
    with app.test_request_context("/staff/", method="POST", data={}, headers=ENGLISH):
        form = ExampleForm()
        form.validate()
        html = render("{{ field(form.roles) }}", form=form)
    assert '<fieldset class="mb-3" aria-describedby="roles-errors">' in html
    assert html.count('class="form-check-input is-invalid"') == 2
    assert '<div class="invalid-feedback d-block" id="roles-errors">Choose a role.</div>' in html


def test_data_table_gives_the_cells_their_column_names_for_phones(app):
    source = ('{% call(row, label) data_table(rows, {"name": "Name", "n": "Count"}, label="Things",'
              ' stack=true, numeric=["n"]) %}<tr><td data-label="{{ label.name }}">{{ row }}</td>'
              '<td data-label="{{ label.n }}">1</td></tr>{% endcall %}')
    with app.test_request_context("/staff/", headers=ENGLISH):
        html = render(source, rows=["<b>a</b>", "b"])
    assert 'role="region" aria-label="Things"' in html
    assert 'class="table align-middle table-stack"' in html
    assert '<th scope="col" class="text-end">Count</th>' in html
    assert html.count('data-label="Name: "') == 2 and "&lt;b&gt;a&lt;/b&gt;" in html


def test_compact_pager_shows_the_page_among_the_pages(app):
    results = SimpleNamespace(page=2, pages=3, has_prev=True, has_next=True, total=30)
    with app.test_request_context("/staff/", headers=ENGLISH):
        html = render('{{ pager(results, "search.index", {"q": "商会"}, total=false, compact=true,'
                      ' label="Result pages") }}', results=results)
    assert '<nav aria-label="Result pages">' in html and "Page 2 of 3" in html
    assert 'href="/en/search?page=1&amp;q=%E5%95%86%E4%BC%9A" rel="prev"' in html
    assert 'href="/en/search?page=3&amp;q=%E5%95%86%E4%BC%9A" rel="next"' in html
    assert "in all" not in html


def test_post_button_is_a_form_of_one_button_with_its_token(app):
    with app.test_request_context("/staff/", headers=ENGLISH):
        plain = render('{{ post_button("/things/1/accept", "Accept", "btn-primary") }}')
        full = render('{{ post_button("/things/1/delete", "Delete", "btn-sm btn-outline-danger",'
                      ' confirm="Delete <it>?", hidden=": " ~ name, form_class="d-inline",'
                      ' id="delete-thing", **{"data-action": "delete"}) }}', name="A & B")
    assert plain.startswith('<form method="post" action="/things/1/accept">')
    assert 'name="csrf_token" value="' in plain
    assert '<button type="submit" class="btn btn-primary">Accept</button>' in plain
    assert "data-confirm" not in plain and "visually-hidden" not in plain
    assert ('<form method="post" action="/things/1/delete" class="d-inline" '
            'data-confirm="Delete &lt;it&gt;?">') in full
    assert ('<button type="submit" class="btn btn-sm btn-outline-danger" id="delete-thing" '
            'data-action="delete">Delete<span class="visually-hidden">: A &amp; B</span>'
            '</button>') in full
