"""Charts are SVG from the server first; plotly.js is fetched only when the reader asks for the
interactive chart, never on a page without a chart (real headless Chromium, strict CSP)."""

import pytest
from playwright.sync_api import expect

from dispatch_stats import services
from policies.models import Evidence
from tests import factories
from tests.dispatch_stats.helpers import real_wide_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLOTLY = "plotly-basic"


def watch_plotly(page) -> list[str]:
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "vendor/plotly/" in r.url else None)
    return fetched


@pytest.fixture
def figures():
    admin = factories.admin(username="kanri")
    services.import_file(
        kind="yearly", user=admin, file_name="survey.xlsx", data=real_wide_workbook()
    )


def test_the_svg_is_there_and_plotly_loads_only_when_asked(page, figures):
    fetched = watch_plotly(page)
    page.set_viewport_size({"width": 390, "height": 640})
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert fetched == []  # no chart, no plotly

    page.goto("/statistics/")
    outbound = page.locator("#chart-outbound")
    image = outbound.get_by_role("img", name="海外派遣研究者数の推移（年度別）")
    expect(image).to_be_visible()
    assert outbound.locator("polyline").count() == 3  # total, short and mid/long-term
    for chart in page.locator(".chart[data-figure]").all():  # scrolled past, never asked
        chart.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert fetched == []

    button = outbound.locator("xpath=following-sibling::p[1]").get_by_role(
        "button", name="操作できるグラフにする（拡大・数値の表示）"
    )
    button.scroll_into_view_if_needed()
    button.click()
    page.locator("#chart-outbound.chart-drawn").wait_for()
    assert [url for url in fetched if PLOTLY in url] != []
    assert any(url.endswith(".css") for url in fetched)  # its stylesheet came with it
    assert outbound.locator(".chart-svg").count() == 0  # plotly's drawing took its place
    assert outbound.locator(".scatterlayer .trace").count() == 3
    assert (
        "中・長期のピーク：2000年度 7,674人" in outbound.locator(".annotation").all_text_contents()
    )
    expect(button).to_be_hidden()
    # The other charts stay as they were until asked; plotly is fetched once for all.
    second = page.locator("#chart-inbound-outbound")
    assert second.locator(".chart-svg").count() == 1
    second.get_by_role("img").hover()  # a mouse over a chart asks for it too
    page.locator("#chart-inbound-outbound.chart-drawn").wait_for()
    assert len([url for url in fetched if PLOTLY in url]) == 1
    # plotly did not inject a <style> element (CSP style-src 'self'; the fixture fails on a
    # violation): its rules come from the static stylesheet.
    assert page.evaluate("document.querySelectorAll('style').length") == 0


def test_a_question_with_chart_evidence_shows_the_svg_without_plotly(page, figures):
    question = factories.QuestionFactory(title="中・長期派遣をどう増やすか")
    Evidence.objects.create(question=question, series_direction="outbound", series_term="total")
    fetched = watch_plotly(page)
    page.goto(f"/questions/{question.pk}/")
    card = page.locator(".evidence-card").first
    expect(card.locator(".chart-svg")).to_be_visible()
    assert card.locator(".chart-svg circle").count() >= 10  # one marker per fiscal year
    page.wait_for_load_state("networkidle")
    assert fetched == []
    card.get_by_role("button", name="操作できるグラフにする（拡大・数値の表示）").click()
    card.locator(".chart.chart-drawn").wait_for()
    assert len([url for url in fetched if PLOTLY in url]) == 1


def test_print_keeps_the_chart(page, figures):
    page.goto("/statistics/")
    page.emulate_media(media="print")
    expect(page.locator("#chart-outbound .chart-svg")).to_be_visible()
    expect(page.locator(".chart-interactive").first).to_be_hidden()
