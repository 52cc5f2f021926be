"""How a form shows a service's refusal (portal/editing.py, show_refusal): rolled back, and
the message beside the field, or at the top of the page."""

from __future__ import annotations

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import StringField

from portal.departments.models import Department
from portal.editing import show_refusal
from portal.errors import PortalError
from portal.extensions import db


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")
    code = StringField("Code")


class CodeTaken(PortalError):
    message = "This code is taken."
    field = "code"


def test_the_refusal_is_rolled_back_and_shown_beside_its_field(app):
    with app.test_request_context("/", method="POST", data={"name": "秘书处", "code": "A"}):
        form = NameForm()
        form.validate()
        db.session.add(Department(name_zh="不应保存"))
        db.session.flush()
        show_refusal(form, PortalError("This name is taken."), "name")
        assert form.name.errors == ["This name is taken."] and form.code.errors == []
        assert db.session.scalar(select(func.count(Department.id))) == 0
        show_refusal(form, CodeTaken())  # the field the error names
        assert form.code.errors == ["This code is taken."]
        assert get_flashed_messages() == []


def test_a_refusal_that_names_no_field_of_the_form_is_flashed(app):
    with app.test_request_context("/", method="POST", data={}):
        form = NameForm()
        show_refusal(form, PortalError("Not now."))
        show_refusal(form, PortalError("Not here."), "nowhere")
        assert get_flashed_messages(with_categories=True) == [("error", "Not now."),
                                                              ("error", "Not here.")]
        assert not form.name.errors and not form.code.errors
