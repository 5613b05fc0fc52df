"""In the browser: the header search box by keyboard, then results updating as one types."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_from_the_header_then_as_you_type(page):
    meeting = factories.MeetingFactory(title="第6回国際戦略委員会")
    factories.AgendaItemFactory(meeting=meeting, title="海外派遣の裾野拡大について")
    factories.AgendaItemFactory(meeting=meeting, title="留学生の受入れ")

    page.goto("/")
    box = page.get_by_role("searchbox", name="サイト内検索")
    box.focus()
    box.type("派遣")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.get_by_role("heading", level=1).inner_text() == "検索"
    results = page.locator("#search-results")
    assert results.locator("mark").first.inner_text() == "派遣"
    assert "海外派遣の裾野拡大について" in results.inner_text()

    # Typing in the page's own box swaps only the results (the box keeps focus and text).
    query = page.get_by_label("検索する語")
    query.fill("")
    query.type("留学")
    expect(results).to_contain_text("留学生の受入れ")
    expect(results).not_to_contain_text("海外派遣の裾野拡大について")
    assert page.evaluate("document.activeElement.id") == "search-q"
    assert "q=%E7%95%99%E5%AD%A6" in page.url
