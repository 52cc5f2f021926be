"""`flask --app portal search reindex`: rebuild the whole index from the content."""

from __future__ import annotations

from importlib import import_module

import click
from flask.cli import AppGroup

from portal.extensions import db

# Each content type that is searchable: a module with count_indexable() and all_documents().
SOURCES = ("portal.news.indexing",)

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Empty the index and index every searchable item again, in one transaction."""
    from portal.search.services import add_documents, clear_index

    sources = [import_module(name) for name in SOURCES]
    total = sum(source.count_indexable() for source in sources)
    clear_index()
    written = 0
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        for source in sources:
            for docs in source.all_documents():
                add_documents(docs)
                written += len(docs)
                bar.update(len({(doc.kind, doc.object_id) for doc in docs}))
                db.session.expunge_all()
    db.session.commit()
    click.echo(f"Indexed {written} documents for {total} items.")
