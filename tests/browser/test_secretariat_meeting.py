"""The secretariat builds 第9回 in the browser; a member and an anonymous visitor then see it."""

import re

import pytest
from playwright.sync_api import expect

from committee.models import AgendaItem, Material, Meeting
from tests import factories
from tests.committee.factories import PDF_BYTES
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _agenda_titles(page):
    return [t.strip() for t in page.locator("#agenda-list .agenda-title").all_inner_texts()]


def _add_item(page, title, *, published=True):
    form = page.locator("form.agenda-add")
    form.get_by_label("タイトル").fill(title)
    checkbox = form.get_by_label("公開")
    if checkbox.is_checked() != published:
        checkbox.click()
    form.get_by_role("button", name="議題を追加").click()
    expect(page.locator("#agenda-list .agenda-title", has_text=title)).to_be_visible()


def test_secretariat_builds_meeting_9_and_others_see_what_they_should(page, new_page, tmp_path):
    factories.MeetingFactory(number=8, title="第8回国際戦略委員会")
    factories.secretariat(username="jimukyoku", display_name="事務局")
    factories.member(username="iin_a", display_name="A委員")
    browser_login(page, "jimukyoku")

    # 1. Create 第9回 with a tentative period (unpublished while it is being prepared).
    page.goto("/meetings/")
    page.get_by_role("link", name="会議の新規作成").click()
    assert page.locator("#id_number").input_value() == "9"
    page.locator("#id_title").fill("第9回国際戦略委員会")
    page.locator("#id_period_start").fill("2026-09-01")
    page.locator("#id_period_end").fill("2026-10-31")
    page.locator("#id_place").fill("文部科学省 15F特別会議室")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("第9回国際戦略委員会")
    meeting = Meeting.objects.get(number=9)
    assert not meeting.is_published

    # 2. Three agenda items through the inline (HTMX) form; the third stays a draft.
    _add_item(page, "海外派遣の裾野拡大について")
    _add_item(page, "制度・システムの改善について")
    _add_item(page, "事務局内の検討メモ", published=False)
    assert _agenda_titles(page) == [
        "海外派遣の裾野拡大について",
        "制度・システムの改善について",
        "事務局内の検討メモ",
    ]

    # 3. Reorder by keyboard: focus a move button, press Enter; focus stays on the moved item.
    second = AgendaItem.objects.get(meeting=meeting, title="制度・システムの改善について")
    button = page.locator(f"#move-up-{second.pk}")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-list .agenda-title").first).to_have_text(
        "制度・システムの改善について"
    )
    # A string predicate would be eval'ed in the page, which our CSP (rightly) refuses.
    expect(page.locator(f"#move-up-{second.pk}")).to_be_focused()
    draft = AgendaItem.objects.get(meeting=meeting, title="事務局内の検討メモ")
    page.locator(f"#move-up-{draft.pk}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-list .agenda-title").nth(1)).to_have_text("事務局内の検討メモ")
    # A string predicate would be eval'ed in the page, which our CSP (rightly) refuses.
    expect(page.locator(f"#move-up-{draft.pk}")).to_be_focused()
    # Keep going with the keyboard alone: Enter again moves it to the top.
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-list .agenda-title").first).to_have_text("事務局内の検討メモ")
    assert list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("position", "title")
    ) == [
        (1, "事務局内の検討メモ"),
        (2, "制度・システムの改善について"),
        (3, "海外派遣の裾野拡大について"),
    ]

    # Inline edit (HTMX): the form replaces the item, saving refreshes the whole agenda.
    first = AgendaItem.objects.get(meeting=meeting, title="海外派遣の裾野拡大について")
    page.locator(f"#item-{first.pk}").get_by_role("link", name=re.compile("編集")).click()
    editing = page.locator(".agenda-item-editing")
    editing.get_by_label("タイトル").fill("海外派遣の裾野拡大に関する方策について")
    editing.get_by_role("button", name="保存").click()
    expect(page.locator(".agenda-item-editing")).to_have_count(0)
    expect(page.locator("#agenda-list .agenda-title").nth(2)).to_have_text(
        "海外派遣の裾野拡大に関する方策について"
    )

    # 4. Upload 資料1 (a real PDF made here) published, and 参考資料1 unpublished.
    pdf_path = tmp_path / "資料1_海外派遣の現状.pdf"
    pdf_path.write_bytes(PDF_BYTES)
    page.get_by_role("link", name="資料をアップロード").click()
    assert page.get_by_label("資料番号").input_value() == "資料1"
    page.get_by_label("タイトル").fill("海外派遣の現状")
    page.get_by_label("ファイル").set_input_files(str(pdf_path))
    page.get_by_label("公開").check()
    page.get_by_role("button", name="アップロード").click()
    expect(
        page.locator("table.materials").get_by_role("link", name="海外派遣の現状")
    ).to_be_visible()

    csv_path = tmp_path / "参考データ.csv"
    csv_path.write_text("年度,派遣者数\n2024,1200\n", encoding="utf-8")
    page.get_by_role("link", name="資料をアップロード").click()
    page.get_by_label("資料番号").fill("参考資料1")
    page.get_by_label("タイトル").fill("内部集計（未公開）")
    page.get_by_label("ファイル").set_input_files(str(csv_path))
    page.get_by_role("button", name="アップロード").click()
    expect(page.locator("table.materials")).to_contain_text("内部集計（未公開）")
    assert Material.objects.filter(meeting=meeting).count() == 2

    # 5. Publish the meeting.
    page.get_by_role("link", name="会議の編集").click()
    page.get_by_label("公開").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("第9回国際戦略委員会")
    meeting.refresh_from_db()
    assert meeting.is_published
    history = page.locator("section", has=page.locator("#history-heading")).inner_text()
    assert "事務局内の検討メモ" in history and "海外派遣の現状" in history

    url = f"/meetings/{meeting.pk}/"
    pdf_material = Material.objects.get(number="資料1")
    hidden_material = Material.objects.get(number="参考資料1")

    # 6. A member and an anonymous visitor see the published items and 資料1 only.
    member = new_page()
    browser_login(member, "iin_a")
    anonymous = new_page()
    for visitor in (member, anonymous):
        visitor.goto(url)
        expect(visitor.get_by_role("heading", level=1)).to_have_text("第9回国際戦略委員会")
        assert _agenda_titles(visitor) == [
            "制度・システムの改善について",
            "海外派遣の裾野拡大に関する方策について",
        ]
        body = visitor.locator("main").inner_text()
        assert "事務局内の検討メモ" not in body
        assert "内部集計（未公開）" not in body
        assert "9月～10月頃" in body
        assert visitor.get_by_role("button", name=re.compile("上へ移動")).count() == 0
        assert visitor.get_by_role("link", name="会議の編集").count() == 0
        download = visitor.request.get(f"/meetings/materials/{pdf_material.pk}/download/")
        assert download.status == 200 and download.body() == PDF_BYTES
        assert "attachment" in download.headers["content-disposition"]
        hidden = visitor.request.get(f"/meetings/materials/{hidden_material.pk}/download/")
        assert hidden.status == 404
        draft_item_edit = visitor.request.get(f"/meetings/items/{draft.pk}/edit/", max_redirects=0)
        assert draft_item_edit.status in (302, 403)


def test_a_second_move_right_after_the_redraw_stays_an_htmx_request(page):
    """A keyboard user pressing again as soon as the agenda is redrawn must not get a reload.

    htmx enhances swapped-in forms when the swap settles; with a settle delay the fresh form was
    briefly a plain form and the second press became a page load that lost the focus (a flaky
    CI run).
    """
    meeting = factories.MeetingFactory(number=9)
    items = [
        factories.AgendaItemFactory(meeting=meeting, position=n, title=f"議題{n}")
        for n in (1, 2, 3)
    ]
    factories.secretariat(username="jimukyoku")
    browser_login(page, "jimukyoku")
    page.goto(f"/meetings/{meeting.pk}/")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    third = items[2]
    # Press "move up" on the third item, then press it again in the very next task after the swap.
    page.evaluate(
        """(id) => new Promise((resolve) => {
            document.body.addEventListener("htmx:afterSwap", () => {
                setTimeout(() => { document.getElementById(id).click(); resolve(); }, 0);
            }, {once: true});
            document.getElementById(id).click();
        })""",
        f"move-up-{third.pk}",
    )
    expect(page.locator("#agenda-list .agenda-title").first).to_have_text("議題3")
    expect(page.locator(f"#move-up-{third.pk}")).to_be_focused()
    assert navigations == []
    assert list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", flat=True)
    ) == ["議題3", "議題1", "議題2"]
