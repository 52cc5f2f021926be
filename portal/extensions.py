"""The Flask extensions, created unbound here and bound to the app in create_app()."""

from flask import has_request_context, request
from flask_babel import Babel
from flask_caching import Cache
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from portal.converters import bounded_int

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PortalSQLAlchemy(SQLAlchemy):
    def paginate(self, select, *, page=None, per_page=None, **kwargs):
        """db.paginate(), with the page number and size from the query string bounded: an
        offset past the database's integer range is a 500 on SQLite (portal/converters.py)."""
        if has_request_context():
            if page is None:
                page = bounded_int(request.args.get("page"), 1)
            if per_page is None:
                per_page = bounded_int(request.args.get("per_page"), 20, 100)
        return super().paginate(select, page=page, per_page=per_page, **kwargs)


# Objects stay readable after commit: no reload (and no lock wait) on write paths.
db = PortalSQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
csrf = CSRFProtect()
cache = Cache()  # public page cache (portal/pagecache.py): SimpleCache, or Redis when configured
