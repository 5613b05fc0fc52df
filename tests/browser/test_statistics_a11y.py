"""axe-core (vendored under tests/vendor/axe-core, 4.14.1) finds no serious or critical violation
on the statistics page nor on a question page with chart evidence, with the server's SVG charts
and with plotly's interactive ones (plotly's buttons once sat inside role="img" boxes:
nested-interactive); without JavaScript the SVG charts and their data tables (folded under
them, opened by a click) remain."""

from pathlib import Path

import pytest

from dispatch_stats import demo
from policies.models import Evidence
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_page(browser, live_server):
    # axe is injected as a script: this context alone bypasses the site's CSP to allow it.
    context = browser.new_context(locale="ja-JP", base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await window.axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_statistics_and_question_pages_have_no_serious_axe_violations(axe_page):
    demo.seed()
    question = factories.QuestionFactory(title="中・長期派遣をどう増やすか")
    Evidence.objects.create(question=question, series_direction="outbound", series_term="total")

    interactive = "操作できるグラフにする（拡大・数値の表示）"
    axe_page.goto("/statistics/")
    axe_page.locator(".chart-svg").first.wait_for()
    assert axe_page.locator("details.chart-data[open]").count() == 0  # folded under the charts
    assert serious_violations(axe_page) == []
    axe_page.get_by_role("button", name=interactive).first.click()
    axe_page.locator(".chart.chart-drawn").first.wait_for()
    assert serious_violations(axe_page) == []

    axe_page.goto(f"/questions/{question.pk}/")
    axe_page.locator(".chart-svg").first.wait_for()
    assert serious_violations(axe_page) == []
    axe_page.get_by_role("button", name=interactive).first.click()
    axe_page.locator(".chart.chart-drawn").first.wait_for()
    assert serious_violations(axe_page) == []


def test_without_javascript_the_charts_and_tables_remain(browser, live_server):
    demo.seed()
    context = browser.new_context(
        locale="ja-JP", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/statistics/")
    charts = page.locator(".chart[data-figure]")
    assert charts.count() >= 2
    assert charts.first.get_by_role("img").is_visible()  # the server's SVG needs no script
    assert not page.locator(".chart-interactive").first.is_visible()  # nothing to ask for
    page.locator("summary", has_text="データ表").first.click()  # opens without script
    assert page.get_by_role("cell", name="7,674").first.is_visible()
    context.close()
