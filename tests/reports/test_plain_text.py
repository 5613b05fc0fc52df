"""Comment and paragraph HTML (policies.markdown's sanitised output) as the plain text of the
Word and spreadsheet outputs: lines for paragraphs and breaks, "・" for list items, entities
decoded, every tag gone, and text that looks like markup kept as typed."""

import pytest

from policies.markdown import render_markdown
from reports.outputs.plain import html_to_text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**海外経験**を増やす。\n\n- 費用\n- 期間", "海外経験を増やす。\n・費用\n・期間"),
        ("一行目\n二行目", "一行目\n二行目"),
        ("3. 三\n4. 四", "・三\n・四"),
        ("- 外\n  - 内", "・外\n・内"),
        ("[資料](https://example.org/?a=1&b=2) を参照", "資料 を参照"),
        ("`<script>` & <b>raw</b> a<b", "<script> & <b>raw</b> a<b"),
        ("&amp; &lt;p&gt; ＝SUM(A1)", "& <p> ＝SUM(A1)"),
        ("", ""),
    ],
)
def test_sanitised_html_reads_as_plain_text(markdown, text):
    assert html_to_text(render_markdown(markdown)) == text
