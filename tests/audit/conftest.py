"""The news fixtures, for events about articles."""

from tests.news.conftest import category, make_article, make_category  # noqa: F401  (fixtures)
