"""The editor section of `make bench`: what the editor's work costs readers and editors.

One database of 10,000 synthetic articles (bench/load.py) plus one published article as an
editor writes it now: three images in its body (each an access-checked download for its
readers), a table, a cover and an attachment. gunicorn (2 sync workers, page cache off, as
a signed-in editor always gets) is driven by wrk -t2 -c16 for `--duration` seconds per URL:

- the article page and one of its body images as a visitor gets them (the image's access
  check asks whether a visible article shows it as cover, attachment or body image);
- the editor's form of that article, and its preview (POST of the form's text: the public
  article page rendered from unsaved data), as a signed-in editor, CSRF token included.

/healthz is the ceiling of the run, as in the public section.
"""

from __future__ import annotations

import html
import http.client
import re
from pathlib import Path
from urllib.parse import quote, urlencode

from common import (
    Server,
    analyze,
    load_articles,
    load_average,
    python_output,
    ratio_table,
    report,
    section_database,
    wrk,
)

SIZE = 10_000
EDITOR = ("bench-editor@example.org", "bench-editor-password-2026")

SETUP = r'''
from sqlalchemy import select

from portal import create_app
from portal.accounts.services import create_user
from portal.extensions import db
from portal.files.samples import docx_document, png_image
from portal.files.services import save_bytes
from portal.news import services
from portal.news.models import ArticleAttachment, Category

app = create_app()
with app.app_context():
    editor = create_user(email="%(email)s", name="Bench Editor", kind="staff",
                         password="%(password)s", roles=("editor",))
    category = db.session.scalars(select(Category).order_by(Category.id)).first()
    images = [save_bytes(editor, f"photo{n}.png", png_image(640, 360, (40 * n, 90, 160)),
                         ("image",), "article") for n in range(3)]
    paragraph = "<p>" + "会员企业代表围绕数字化转型交流经验，" * 12 + "</p>"
    body = "".join(paragraph + f'<p><img src="/files/{image.id}/{image.original_name}" '
                   f'alt="交流会现场照片{n}"></p>' for n, image in enumerate(images))
    body += ("<table><tbody>" + "<tr><td>企业</td><td>行业</td><td>人数</td></tr>" * 6
             + "</tbody></table>")
    article = services.create_article(editor, {
        "category_id": category.id, "title_zh": "数字化转型交流会（基准）",
        "summary_zh": "十二家会员企业交流数字化转型经验。", "body_zh": body,
        "title_en": "Digital transformation meeting (bench)",
        "summary_en": "Twelve member enterprises met.",
        "body_en": "<p>" + "Member enterprises shared their experience. " * 30 + "</p>",
        "author": "宣传部", "author_en": "Publicity Department", "source": "商会秘书处",
        "cover_alt_zh": "交流会主会场"})
    article.cover_image = save_bytes(editor, "cover.png", png_image(800, 400), ("image",),
                                     "article")
    article.attachment_links.append(ArticleAttachment(file=save_bytes(
        editor, "agenda.docx", docx_document("议程"), ("office",), "article"), position=0))
    services.publish_article(editor, article)
    db.session.commit()
    print(article.id, images[1].id, images[1].original_name)
'''


class Editor:
    """A signed-in editor's cookie and CSRF token, taken as a browser would."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}
        page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.request("POST", "/login", {"email": EDITOR[0], "password": EDITOR[1],
                                        "csrf_token": token})
        if 'id="rich-text-config"' not in self.request("GET", "/staff/news/new"):
            raise RuntimeError("the bench editor could not sign in")

    def request(self, method: str, path: str, form: dict | None = None) -> str:
        # The session cookie is Secure in production: sent back by hand over plain HTTP.
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        headers = {"Cookie": self.cookie_header()}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode()
        connection.close()
        return text

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def preview_script(workdir: Path, form: dict) -> Path:
    """A wrk script that POSTs the form (the preview of unsaved text)."""
    body = urlencode(form, doseq=True)  # only %-escapes and ASCII: safe in a Lua string
    script = workdir / "preview.lua"
    script.write_text('wrk.method = "POST"\n'
                      f'wrk.body = "{body}"\n'
                      'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
    return script


def measure(env: dict, duration: int, article_id: int, image: str, workdir: Path):
    rows, loads = [], [load_average()]
    server = Server(env, cache=False)
    try:
        editor = Editor(server)
        edit = f"/staff/news/{article_id}/edit"
        page = editor.request("GET", edit)
        body = re.search(r'<textarea[^>]*id="body_zh"[^>]*>(.*?)</textarea>', page, re.S)
        form = {"csrf_token": re.search(r'data-csrf="([^"]+)"', page).group(1),
                "language": "zh_CN", "category_id": "1", "author": "宣传部",
                "title_zh": "数字化转型交流会（预览）", "body_zh": html.unescape(body.group(1)),
                "cover_alt_zh": "交流会主会场"}
        script = preview_script(workdir, form)
        cookie = (f"Cookie: {editor.cookie_header()}",)
        ceiling = None
        for label, path, headers, lua in [
                ("/healthz", "/healthz", (), None),
                ("/news/<id> (images, table)", f"/news/{article_id}", (), None),
                ("body image (visitor)", image, (), None),
                ("editor form", edit, cookie, None),
                ("preview (POST)", f"/staff/news/{article_id}/preview", cookie, script)]:
            result = wrk(server.base, path, duration, headers, script=lua)
            ceiling = ceiling or result["rps"]
            mode = "-" if path == "/healthz" else "uncached"
            rows.append((label, mode, result, result["rps"] / ceiling))
            report(label, mode, result)
    finally:
        server.stop()
    loads.append(load_average())
    return rows, " → ".join(loads)


def section(args, env: dict, database: str) -> list[str]:
    with section_database(args, env, "editor", sqlite_name="e.db") as (env, workdir):
        env["PORTAL_STORAGE_PATH"] = str(workdir / "files")
        load_articles(env, SIZE)
        out = python_output(env, "-c", SETUP % {"email": EDITOR[0],
                                                "password": EDITOR[1]}).split()
        article_id, image_id, image_name = int(out[0]), out[1], out[2]
        analyze(env)
        rows, loads = measure(env, args.duration, article_id,
                              f"/files/{image_id}/{quote(image_name)}", workdir)
    table = ratio_table(
        f"{database}, editor, {SIZE:,} articles — gunicorn 2 sync workers, wrk -t2 -c16, "
        f"{args.duration} s per URL, page cache off; load average (1, 5, 15 min) {loads}",
        "page cache", rows, code=False)
    print(table, flush=True)
    return [table]
