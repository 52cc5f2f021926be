"""Form pieces every feature uses (portal/forms.py): a list's filter form."""

from __future__ import annotations

import pytest
from flask import request
from wtforms import SearchField, SelectField

from portal.forms import FilterForm, valid_filters


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


class ThingFilterForm(FilterForm):
    q = SearchField("Keywords")
    status = SelectField("Status", choices=[("", "All"), ("open", "Open")])


def test_a_filter_form_reads_the_query_string_without_a_token(app):
    with app.test_request_context("/things/?q=商会&status=open"):
        form = ThingFilterForm(request.args)
        assert "csrf_token" not in form
        assert valid_filters(form, ("q", "status")) == {"q": "商会", "status": "open"}
    with app.test_request_context("/things/?q=x&status=gone"):
        form = ThingFilterForm(request.args)
        assert valid_filters(form, ("q", "status")) == {"q": "x"}  # a bad filter is left out
