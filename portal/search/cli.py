"""`flask --app portal search reindex`: rebuild the whole index from the content."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.features import each

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex_command() -> None:
    """Empty the index and index every searchable item again, in one transaction."""
    from portal.search.services import add_documents, clear_index

    # Each feature's searchable content: a module with count_indexable() and all_documents().
    sources = list(each("search_sources"))
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
