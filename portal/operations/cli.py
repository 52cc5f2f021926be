"""The operations commands: backup, restore, doctor; and the old site's article import."""

from __future__ import annotations

from flask import Flask


def register_operations_cli(app: Flask) -> None:
    from portal.news.oldsite.cli import import_articles_command

    for command in (import_articles_command,):
        app.cli.add_command(command)
