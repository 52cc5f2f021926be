"""The sample pages (tests/news/oldsite/pages/, all text invented for the tests), copied to a
folder with the files a browser saves next to a page, running the import command, and what an
old address answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.files.samples import docx_document, pdf_document, png_image

PAGES = Path(__file__).parent / "pages"
PREFIX = "http://www.old-chamber.example/oldsite/"


def assert_moved_to(client, old_address: str, article_id: int) -> None:
    """The old address answers 301 to the article's page."""
    response = client.get(old_address)
    assert response.status_code == 301
    assert response.headers["Location"] == f"/news/{article_id}"


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "saved"
    shutil.copytree(PAGES, folder)
    files = folder / "dangjian_0919_files"
    files.mkdir()
    (files / "huiyi.png").write_bytes(png_image(16, 12, (20, 90, 160)))
    (files / "学习材料.pdf").write_bytes(pdf_document("学习材料", ["第一部分"]))
    (files / "logo.png").write_bytes(png_image())
    (files / "ga.png").write_bytes(png_image(4, 4))
    (files / "style.css").write_text("body { margin: 0 }")
    uploads = folder / "uploadfile" / "2019" / "0305"
    uploads.mkdir(parents=True)
    (uploads / "回执.docx").write_bytes(docx_document("参会回执"))
    return folder


@pytest.fixture
def run_import(app, category):
    def run(*paths, prefix=PREFIX, slug="chamber-news"):
        args = ["import-articles", *map(str, paths)]
        if slug:
            args += ["--category", slug]
        if prefix:
            args += ["--old-url-prefix", prefix]
        return app.test_cli_runner().invoke(args=args)

    return run
