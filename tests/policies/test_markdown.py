"""The comment Markdown subset: formatting kept, raw HTML and unsafe links never get through."""

import pytest

from policies.markdown import render_markdown


def test_paragraphs_lists_and_emphasis():
    html = render_markdown("**重要**と*補足*\n\n- 短期\n- 長期\n\n1. 個人\n2. 機関")
    assert "<p><strong>重要</strong>と<em>補足</em></p>" in html
    assert "<ul>\n<li>短期</li>\n<li>長期</li>\n</ul>" in html
    assert "<ol>\n<li>個人</li>\n<li>機関</li>\n</ol>" in html


def test_single_newlines_become_line_breaks():
    assert render_markdown("一行目\n二行目") == "<p>一行目<br>\n二行目</p>\n"


def test_links_get_nofollow_noopener():
    html = render_markdown("[資料](https://www.mext.go.jp/) と <https://example.jp>")
    assert '<a href="https://www.mext.go.jp/" rel="nofollow noopener">資料</a>' in html
    assert '<a href="https://example.jp" rel="nofollow noopener">' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="https://x.jp" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<div style="position:fixed">x</div>',
    ],
)
def test_raw_html_is_escaped_not_rendered(text):
    html = render_markdown(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<div" not in html and "onclick=" not in html.replace("&quot;", '"').split("&lt;")[0]
    assert "&lt;" in html


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "[x](ftp://example.jp/file)",
    ],
)
def test_only_http_https_and_mailto_links(link):
    html = render_markdown(link)
    assert "javascript:" not in html.lower().replace("[x](javascript:", "")
    assert 'href="javascript' not in html.lower()
    assert 'href="data:' not in html and 'href="vbscript' not in html
    assert 'href="ftp:' not in html


def test_mailto_is_allowed():
    html = render_markdown("[事務局](mailto:kokusai@example.go.jp)")
    assert 'href="mailto:kokusai@example.go.jp"' in html


def test_headings_images_and_code_blocks_are_not_part_of_the_subset():
    html = render_markdown("# 見出し\n\n![図](https://example.jp/a.png)")
    assert "<h1" not in html and "<img" not in html
