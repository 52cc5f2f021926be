"""check_page() itself: a page with one fault of each kind must fail, naming every fault."""

from __future__ import annotations

import pytest

from portal.security import CSP

BAD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Faulty</title>
<link rel="icon" href="data:,"></head>
<body><main><h1>Faulty</h1>
<p><div>a div inside a paragraph</div></p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
<p style="color: red">an inline style the CSP blocks</p>
<pre>{wide}</pre>
</main></body></html>
""".format(wide="x" * 200)


def test_check_page_reports_html_axe_layout_and_console_faults(page, check_page, live_server):
    page.route(f"{live_server}/harness-self-test", lambda route: route.fulfill(
        status=200, body=BAD_PAGE, headers={
            "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": CSP}))
    page.goto("/harness-self-test")
    with pytest.raises(pytest.fail.Exception) as failed:
        check_page(page, "harness-self-test")
    report = str(failed.value)
    assert "HTML: line 5" in report  # the Nu checker: </p> with no open <p>
    assert "[critical] image-alt" in report  # axe
    assert "layout at 375 px: the page scrolls sideways" in report
    assert "console: Applying inline style violates" in report  # the CSP is enforced
