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


def test_secretariat_links_and_unlinks_with_htmx_and_the_tooltip_is_keyboard_reachable(page):
    call_command("seed_demo", verbosity=0)
    factories.secretariat(username="jimu_ev", display_name="事務局")
    browser_login(page, "jimu_ev")
    page.goto("/questions/")
    page.get_by_role("link", name="短期から長期までの支援メニュー").click()
    page.get_by_role("link", name="資料の紐付けを編集").click()
    page.wait_for_load_state()
    manage_url = page.url

    page.get_by_role("combobox", name="資料").select_option(
        label="ASPIRE（先端国際共同研究推進事業）"
    )
    page.get_by_label("事務局メモ").fill("ASPIRE の長期支援と比べる")
    page.get_by_role("button", name="紐付ける").click()
    linked = page.get_by_role("list", name="紐付けられた資料")
    linked.get_by_text("ASPIRE（先端国際共同研究推進事業）", exact=True).wait_for()
    assert page.url == manage_url  # swapped in place by HTMX
    assert page.get_by_label("事務局メモ").input_value() == ""

    page.get_by_role("link", name="論点に戻る").click()
    page.wait_for_load_state()
    card = page.locator(".evidence-measure")
    assert "の長期支援と比べる" in card.inner_text()
    abbr = card.locator("abbr", has_text="ASPIRE").first
    tip = card.locator('[role="tooltip"]').first
    assert not tip.is_visible()
    abbr.focus()
    assert tip.is_visible() and "先端国際共同研究推進事業" in tip.inner_text()

    page.goto(manage_url)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="紐付けを解除 : ASPIRE（先端国際共同研究推進事業）").click()
    page.locator(".evidence-admin-title").wait_for(state="detached")
    assert "この論点にはまだ資料が紐付けられていません。" in page.locator("main").inner_text()
