"""A visitor compares the deck's foreign schemes in yen and opens BRAIN LINK's page."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_compares_foreign_schemes_in_yen(page):
    call_command("seed_demo", verbosity=0)

    page.goto("/schemes/compare/")
    assert page.get_by_role("heading", level=1).inner_text() == "支援制度の比較"

    page.get_by_label("区分").select_option("foreign")
    # HTMX swaps the table on change (without JavaScript the 表示 button submits the same form).
    table = page.get_by_role("table", name="表示中の制度")
    rows = table.locator("tbody tr")
    expect(rows.locator("td:nth-child(3)", has_text="国内")).to_have_count(0)
    expect(table.locator("caption")).to_contain_text("表示中の制度: 6件")
    text = table.inner_text()
    for name in ["A*STAR", "BRAIN LINK", "国家建設高水平大学公派研究生項目", "エラスムス・プラス"]:
        assert name in text
    assert set(rows.locator("td:nth-child(3)").all_inner_texts()) == {"海外"}

    brain_link = table.get_by_role("row", name=re.compile(r"^BRAIN LINK事業"))
    assert "160,000,000円" in brain_link.inner_text()
    assert "（約1.6億円）" in brain_link.inner_text()
    assert "1 KRW = 0.1円（2026-03-30時点のレート）" in brain_link.inner_text()
    assert "チーム・課題当たり" in brain_link.inner_text()
    erasmus = table.get_by_role("row", name=re.compile(r"^エラスムス・プラス"))
    assert "4,800,102,000,000円" in erasmus.inner_text()
    assert "（約4.8兆円）" in erasmus.inner_text()
    assert "1 EUR = 183.21円（2026-03-30時点のレート）" in erasmus.inner_text()
    assert "kind=foreign" in page.url  # the filtered view can be bookmarked and shared

    brain_link.get_by_role("link", name="BRAIN LINK事業（브레인 링크 사업）").click()
    page.wait_for_load_state()
    assert "BRAIN LINK" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="この制度を引用している論点").is_visible()
    assert "文部科学省 国際戦略委員会（第5回）資料 2026-03-30" in page.content()
