"""The shared rich-text cleaner (portal/richtext.py)."""

from __future__ import annotations

import pytest

from portal.richtext import is_blank, plain_text, sanitise_html

PAYLOADS = [
    ('<p>ok</p><script>alert(1)</script>', '<p>ok</p>'),
    ('<p>ok<SCRIPT SRC=//evil.example/x.js></SCRIPT></p>', '<p>ok</p>'),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<a href="&#106;avascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>',
     '<a rel="noopener noreferrer">x</a>'),
    ('<a href="vbscript:msgbox(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<p onclick="alert(1)" style="color:red">t</p>', '<p>t</p>'),
    ('<svg onload="alert(1)"><circle/></svg>', ''),
    ('<iframe src="https://evil.example"></iframe><p>t</p>', '<p>t</p>'),
    ('<object data="x.swf"></object><embed src="x"><p>t</p>', '<p>t</p>'),
    ('<form action="https://evil.example"><input name="p"></form><p>t</p>', '<p>t</p>'),
    ('<style>body{display:none}</style><p>t</p>', '<p>t</p>'),
    ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''),
    ('<p>t</p><!-- <script>alert(1)</script> -->', '<p>t</p>'),
    ('<p class="ql-align-center evil">t</p>', '<p class="ql-align-center">t</p>'),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''),
]


@pytest.mark.parametrize("dirty, clean", PAYLOADS)
def test_payloads_are_cleaned(dirty, clean):
    assert sanitise_html(dirty) == clean


@pytest.mark.parametrize("good", [
    '<p>正文<strong>加粗</strong><em>斜体</em><u>下划线</u><s>删除</s></p>',
    '<h2>标题</h2><h3>小标题</h3>',
    '<ol><li>一</li><li class="ql-indent-1">二</li></ol><ul><li>三</li></ul>',
    '<blockquote>引用</blockquote><pre>code</pre>',
    '<p><a href="https://example.org/a?b=1" rel="noopener noreferrer">链接</a></p>',
    '<p><a href="mailto:service@example.org" rel="noopener noreferrer">邮件</a></p>',
])
def test_quill_output_survives(good):
    assert sanitise_html(good) == good


def test_quill_cursor_marker_and_spans_go():
    assert sanitise_html("<p>a<strong> b</strong><span>\ufeff</span></p>") == (
        "<p>a<strong> b</strong></p>")


def test_quill_nbsp_become_spaces_so_english_wraps():
    assert sanitise_html("<p>Annual&nbsp;general&nbsp;meeting&nbsp;&nbsp;&nbsp;x</p>") == (
        "<p>Annual general meeting &nbsp;&nbsp;x</p>")


@pytest.mark.parametrize("blank", ["", None, "<p><br></p>", "<p> &nbsp; </p>", "<p></p>"])
def test_empty_editor_is_blank(blank):
    assert sanitise_html(blank) == ""
    assert is_blank(blank or "")


def test_plain_text():
    assert plain_text("<p>第一段</p><p>第二段 &amp; more</p>") == "第一段 第二段 & more"

