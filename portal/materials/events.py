"""What the materials feature hooks into when the app is made: who may download its files."""

from __future__ import annotations


def setup(app) -> None:
    from portal.files.services import register_access_check
    from portal.materials.reading import can_download_file
    from portal.materials.services import FILE_PURPOSE

    register_access_check(FILE_PURPOSE, can_download_file)
