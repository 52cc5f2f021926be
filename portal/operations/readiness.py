"""Readiness (/readyz): can this worker serve requests that need the database and the files?

Cheap enough for a load balancer to ask every few seconds: one query on a pooled
connection and a permission check on the file store folder, nothing written. The reasons
are short and give nothing away (the address is public); the details go to the log.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.files.services import storage_root

log = logging.getLogger(__name__)


def readiness_problems() -> list[str]:
    """What keeps the portal from serving, in a few words each ([] when ready)."""
    problems = []
    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except SQLAlchemyError as error:
        log.warning("not ready: database: %s", error)
        problems.append(f"database not answering ({type(error.orig or error).__name__})")
    root = storage_root()
    if not _writable(root):
        log.warning("not ready: file store %s is not writable", root)
        problems.append("file store not writable")
    return problems


def _writable(folder: Path) -> bool:
    """The folder can take new files (or, before the first upload, can be created)."""
    while not folder.exists():
        if folder.parent == folder:
            return False
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
