"""The member-services portal. `flask --app portal` and gunicorn's `portal:create_app()` start
here; the factory itself is portal/app.py, and ARCHITECTURE.md maps the rest."""

from portal.app import create_app

__all__ = ["create_app"]
