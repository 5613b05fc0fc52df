"""In the browser at 1280 px: the site header stays on one line in Japanese and in English for
the secretariat and the admin (the longest navigations), with the longest demo role name."""

import os

import pytest

from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rows(page) -> set[int]:
    """The distinct vertical positions of the header's pieces (one line: one position)."""
    tops = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             '.header-row > .brand, .main-nav li, .header-tools > *:not(link)'))
           .map(el => Math.round(el.getBoundingClientRect().top + el.offsetHeight / 2))"""
    )
    return {round(top / 8) for top in tops}


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_the_header_does_not_wrap_at_1280_px(page, language, role, tmp_path):
    # The secretariat's navigation, and the admin's with the audit link besides.
    make = getattr(factories, role)
    make(username=role, display_name="事務局（国際研究開発政策課）")
    page.set_viewport_size({"width": 1280, "height": 800})
    browser_login(page, role)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    page.goto("/meetings/")
    assert page.locator("html").get_attribute("lang") == language
    ja = language == "ja"
    nav = page.get_by_role("navigation", name="メインナビゲーション" if ja else "Main navigation")
    assert nav.get_by_role("link", name="自分の論点" if ja else "My questions").count() == 1
    page.locator(".site-header").screenshot(path=str(tmp_path / f"header-{role}-{language}.png"))
    assert len(_rows(page)) == 1, f"the header wraps in {language}"
    # On one line by fitting, not by running off the edge.
    overflow = page.evaluate(
        """() => { const row = document.querySelector('.header-row');
                   const right = Math.max(...Array.from(row.querySelectorAll('*'))
                     .map(el => el.getBoundingClientRect().right));
                   return [row.scrollWidth - row.clientWidth, right - window.innerWidth]; }"""
    )
    if os.environ.get("HEADER_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['HEADER_SCREENSHOTS']}/header-{role}-{language}.png")
    assert overflow[0] <= 0 and overflow[1] <= 0, overflow
