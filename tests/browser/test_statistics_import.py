"""An admin imports the real series from a Japanese XLSX; a member then sees the chart and table."""

import pytest
from playwright.sync_api import expect

from dispatch_stats.models import YearlyFigure
from tests import factories
from tests.conftest import browser_login
from tests.dispatch_stats.helpers import real_wide_workbook, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def confirm_the_real_series(page) -> None:
    """The real workbook's preview (192 new rows, nothing written yet), then confirm it."""
    preview = page.get_by_role("region", name="プレビュー（試行）：まだ何も書き込まれていません")
    preview.wait_for()
    assert preview.locator(".count-new").inner_text() == "192"
    assert "平成" not in preview.inner_text()  # years are shown normalised
    assert "派遣!4" in preview.inner_text()
    assert YearlyFigure.objects.count() == 0

    preview.get_by_role("button", name="確定して書き込む").click()
    page.wait_for_url("**/statistics/import/log/")
    assert "新規 192 行" in page.locator(".messages").inner_text()
    assert YearlyFigure.objects.count() == 192


def test_admin_imports_xlsx_and_member_sees_the_peak(page, new_page):
    factories.admin(username="kanri", display_name="管理者")
    factories.member(username="iin_a", display_name="A委員")

    browser_login(page, "kanri")
    page.goto("/statistics/import/")
    assert page.get_by_role("heading", level=1).inner_text() == "データの取込"
    page.get_by_label("ファイルの内容").select_option("yearly")
    # A bad file first: the refusal names the cell and nothing is written.
    bad = xlsx_bytes({"派遣": [["年度", "短期", "出典"], ["H30", "多数", "概況"]]})
    page.get_by_label("表計算ファイル（.xlsx または .csv）").set_input_files(
        files=[{"name": "bad.xlsx", "mimeType": XLSX, "buffer": bad}]
    )
    page.get_by_role("button", name="ファイルを確認（試行）").click()
    alert = page.get_by_role("alert").filter(has_text="ファイルは取り込まれませんでした")
    assert "シート「派遣」2行目 B列（短期）" in alert.inner_text()
    assert YearlyFigure.objects.count() == 0

    page.get_by_label("表計算ファイル（.xlsx または .csv）").set_input_files(
        files=[
            {"name": "派遣受入れ研究者数.xlsx", "mimeType": XLSX, "buffer": real_wide_workbook()}
        ]
    )
    page.get_by_role("button", name="ファイルを確認（試行）").click()
    confirm_the_real_series(page)

    # The admin's page (the fixture fails the test on any CSP violation) draws every chart
    # interactively when asked.
    page.goto("/statistics/")
    for button in page.locator(".chart-interactive button").all():
        button.click()
    # Every chart drawn (a string predicate would be eval'ed in the page, refused by our CSP).
    expect(page.locator(".chart:not(.chart-drawn)")).to_have_count(0)
    # plotly did not inject a <style> element: its rules come from the static stylesheet.
    assert page.evaluate("document.getElementById('plotly.js-style-global').tagName") == "META"
    assert page.evaluate("document.querySelectorAll('style').length") == 0

    member = new_page()
    member_errors = []
    member.on("console", lambda m: member_errors.append(m.text) if m.type == "error" else None)
    browser_login(member, "iin_a")
    member.goto("/statistics/")
    chart = member.locator("#chart-outbound")
    member.get_by_role("button", name="操作できるグラフにする（拡大・数値の表示）").first.click()
    member.locator("#chart-outbound.chart-drawn").wait_for()
    assert "中・長期のピーク：2000年度 7,674人" in chart.locator(".annotation").all_text_contents()
    assert chart.locator(".scatterlayer .trace").count() == 3
    member.locator("summary", has_text="データ表").first.click()
    table = member.get_by_role("table", name="海外派遣研究者数の推移（人）")
    row = table.get_by_role("row").filter(
        has=member.get_by_role("rowheader", name="2000", exact=True)
    )
    assert "7,674" in row.inner_text()
    assert member.get_by_role(
        "link", name="「海外派遣研究者数の推移（人）」のデータをCSVでダウンロード"
    ).is_visible()
    assert not [e for e in member_errors if "Content Security Policy" in e or "Refused" in e]
