"""Material fixtures: an editor and a category."""

from __future__ import annotations

import pytest

from portal.extensions import db


@pytest.fixture
def editor(make_user):
    return make_user(kind="staff", roles=("editor",), name="Editor Lin")


@pytest.fixture
def category(app):
    from portal.materials.models import MaterialCategory

    with app.app_context():
        category = MaterialCategory(name_zh="政策法规", name_en="Policies")
        db.session.add(category)
        db.session.commit()
        return category
