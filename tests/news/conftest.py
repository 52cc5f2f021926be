"""News fixtures: a signed-in editor. (Categories and articles: tests/conftest.py.)"""

from __future__ import annotations

import pytest


@pytest.fixture
def editor_client(client, login, editor):
    login(editor)
    return client
