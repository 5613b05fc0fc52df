"""Done when for evidence: a member opens ③ question 1, sees the four foreign schemes compared
in yen with the rate date, cites BRAIN LINK in a comment, and the BRAIN LINK page lists it."""

import pytest
from django.core.management import call_command

from schemes.models import ExchangeRate
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOREIGN = [
    "A*STAR 国家科学奨学金（博士）",
    "BRAIN LINK事業（브레인 링크 사업）",
    "国家建設高水平大学公派研究生項目",
    "エラスムス・プラス（2021-2027）",
]


def test_member_cites_brain_link_and_the_scheme_page_lists_it(page):
    call_command("seed_demo", verbosity=0)
    factories.member(username="iin_ev", display_name="証拠委員")
    rate_date = ExchangeRate.objects.get(currency="KRW").date.strftime("%Y-%m-%d")

    browser_login(page, "iin_ev")
    page.goto("/questions/")
    page.get_by_role("link", name="十分な支援額").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "十分な支援額"

    evidence = page.get_by_role("region", name="資料")
    text = evidence.inner_text()
    for name in FOREIGN:
        assert name in text
    assert text.count("円") >= 4
    assert f"{rate_date}時点のレート" in text
    # The outbound total series comes with its data table.
    assert evidence.locator("table caption").count() >= 1

    picker = page.get_by_label("資料を引用")
    picker.select_option(label="BRAIN LINK事業（브레인 링크 사업）")
    page.locator("#composer").get_by_label("立場").select_option(label="提案")
    page.get_by_role("textbox", name="意見").fill(
        "BRAIN LINKのようなチーム単位の支援額を参考にすべき。"
    )
    page.locator("#composer").get_by_role("button", name="投稿する").click()

    comment = page.locator(".comment", has_text="チーム単位の支援額")
    comment.wait_for()
    card = comment.locator(".citation-card")
    assert "BRAIN LINK事業" in card.inner_text()

    # The cited item links to its evidence page, which lists the comment.
    card.get_by_role("link").click()
    page.wait_for_load_state()
    assert (
        "チーム単位の支援額"
        in page.get_by_role("region", name="この資料を引用した意見").inner_text()
    )

    # The BRAIN LINK scheme page lists the comment too.
    page.get_by_role("link", name="制度のページ").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("BRAIN LINK事業")
    assert "チーム単位の支援額" in page.locator("body").inner_text()
    assert "十分な支援額" in page.locator("body").inner_text()
