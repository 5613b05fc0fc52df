"""A member logs in and sees the next meeting and its agenda, in Japanese."""

import pytest
from django.core.management import call_command

from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_sees_next_meeting_and_agenda_in_japanese(page):
    call_command("seed_demo", verbosity=0)
    factories.member(username="iin_a", display_name="A委員")

    browser_login(page, "iin_a")
    assert page.locator("html").get_attribute("lang") == "ja"
    section = page.get_by_role("region", name="次回の会議")
    assert "第6回国際戦略委員会" in section.inner_text()
    assert "4月～5月頃" in section.inner_text()
    assert "海外派遣の裾野拡大に関する方策について" in section.inner_text()

    section.get_by_role("link", name="第6回国際戦略委員会").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "第6回国際戦略委員会"
    assert page.locator(
        ".agenda-title", has_text="アカデミアにおける制度・システムの改善に関する方策について"
    ).is_visible()

    # Keyboard users can skip the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "本文へスキップ"
