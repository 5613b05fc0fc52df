"""plotly.js loads only on pages that draw a chart, and only when a chart comes near the
viewport; the headline and data tables are there first (real headless Chromium)."""

import pytest
from playwright.sync_api import expect

from dispatch_stats import services
from tests import factories
from tests.dispatch_stats.helpers import real_wide_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plotly_is_fetched_only_when_a_chart_nears_the_viewport(page):
    admin = factories.admin(username="kanri")
    services.import_file(
        kind="yearly", user=admin, file_name="survey.xlsx", data=real_wide_workbook()
    )
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "plotly-basic" in r.url else None)
    page.set_viewport_size({"width": 390, "height": 640})

    page.goto("/")
    page.wait_for_load_state("load")
    assert fetched == []  # no chart, no plotly

    page.goto("/statistics/")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    charts = page.locator(".chart[data-figure]")
    assert charts.count() >= 2
    page.locator(".chart.chart-drawn").first.wait_for()  # the first one is on screen
    page.wait_for_timeout(500)  # plotly is loaded: anything observed in range draws now
    last = charts.last
    assert "chart-drawn" not in (last.get_attribute("class") or "")  # far below: not yet
    last.scroll_into_view_if_needed()
    page.locator(".chart[data-figure]").last.and_(page.locator(".chart-drawn")).wait_for()
    assert len(fetched) == 1  # fetched once for every chart on the page
