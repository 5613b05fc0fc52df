"""The report's done-when journey: the secretariat drafts the 骨子案 for 第7回, links and disposes
of members' comments, shares it; member_a follows their comment to the report; the secretariat
makes the 案, edits it, downloads the outputs, attaches the 案 as 資料1 of 第8回; an observer
sees nothing until the 案 is published."""

import io
import re

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from committee.models import Material, Meeting
from policies import services as policy_services
from policies.models import Question
from reports import services as reports_services
from reports.models import Disposition, Edition, Paragraph
from tests import factories
from tests.conftest import browser_login
from tests.reports.factories import drafted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _comment(question, author, body, stance):
    return policy_services.comment_create(
        question=question, author=author, body=body, stance=stance
    )


def _download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).first.click()
    return info.value.path().read_bytes()


def test_report_journey(page, new_page):
    call_command("seed_demo", verbosity=0)
    factories.secretariat(username="jimu", display_name="事務局")
    a = factories.member(username="member_a", display_name="A委員")
    b = factories.member(username="member_b", display_name="B委員")
    chair = factories.member(username="chair", display_name="主査")
    factories.observer(username="bocho", display_name="傍聴者")
    q31 = Question.objects.get(perspective__position=3, position=1)
    q32 = Question.objects.get(perspective__position=3, position=2)
    c_a = _comment(q31, a, "支援額は生活費の実態に合わせて見直すべきです。", "proposal")
    c_b = _comment(q31, b, "支援額より支援人数を優先すべきではないでしょうか。", "concern")
    c_q = _comment(q31, chair, "他国の支援額との比較資料はありますか。", "question")
    _comment(q32, b, "長期の支援も必要です。", "support")

    # 1. The secretariat creates the report and its 骨子案 for 第7回.
    browser_login(page, "jimu")
    page.goto("/reports/")
    page.get_by_label("タイトル").fill("日本人研究者の海外派遣強化に向けて")
    page.get_by_role("button", name="とりまとめを作成").click()
    page.get_by_label("版").select_option(label="骨子案")
    page.get_by_label("会議").select_option(label="第7回国際戦略委員会")
    page.get_by_role("button", name="版を作成").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("骨子案")
    edition = Edition.objects.get(kind="outline")

    # 2. A chapter for ③ and a paragraph under it, inline (HTMX).
    page.locator("#new-section-title").fill("③【支援スキームの観点】支援の充実・多様化")
    page.get_by_role("button", name="見出しを追加").click()
    expect(page.locator("#outline .section-head h3")).to_contain_text("第1章")
    section = edition.sections.get()
    page.locator(f"#new-para-{section.pk}-body").fill(
        "支援額について、生活費の実態を踏まえて検討する。"
    )
    page.get_by_role("button", name=re.compile("段落を追加")).click()
    expect(page.locator("#outline .paragraph-body")).to_contain_text("生活費の実態")
    paragraph = Paragraph.objects.get(edition=edition)

    # 3. Link two members' comments (one 反映, one 反映しない with 考え方) through the picker.
    page.get_by_role("link", name=re.compile("論点と意見")).click()
    page.get_by_label(re.compile("十分な支援額")).check()
    page.get_by_role("button", name="論点を保存").click()
    picker = page.locator("#picker-list")
    expect(picker).to_contain_text("支援額より支援人数")
    page.locator(f"#pick-{c_a.pk}").get_by_role("button", name=re.compile("紐付ける")).click()
    expect(picker).to_contain_text("意見を関連付けました")
    item_b = page.locator(f"#pick-{c_b.pk}")
    item_b.locator("select").select_option(label="反映しない")
    item_b.get_by_role("button", name=re.compile("紐付ける")).click()
    expect(page.locator(f"#pick-{c_b.pk} .errorlist")).to_contain_text("考え方を入力")
    item_b = page.locator(f"#pick-{c_b.pk}")
    item_b.locator("textarea").fill("支援人数は③-3の機関への支援で検討します。")
    item_b.get_by_role("button", name=re.compile("紐付ける")).click()
    expect(picker).to_contain_text("意見を関連付けました")
    assert Disposition.objects.get(edition=edition, comment=c_a).kind == "reflected"
    assert Disposition.objects.get(edition=edition, comment=c_b).kind == "not_reflected"

    # 4. Answer the 質問 from the coverage panel.
    page.goto(f"/reports/editions/{edition.pk}/")
    page.locator("#coverage").get_by_role("link", name=re.compile("他国の支援額")).click()
    page.get_by_label("対応区分").select_option(label="回答")
    page.get_by_label("考え方・回答").fill("第8回に比較資料をお示しします。")
    page.get_by_role("button", name="保存").click()
    assert Disposition.objects.get(edition=edition, comment=c_q).kind == "answered"

    # 5. Share: one comment (on ③-2) has no disposition, so it asks first.
    page.locator("#id_status").select_option(label="委員限りで共有")
    page.get_by_role("button", name="状態を変更").click()
    expect(page.locator("#status-panel")).to_contain_text("対応が未記入の意見が1件")
    page.get_by_label("確認のうえ実行する").check()
    page.locator("#id_status").select_option(label="委員限りで共有")
    page.get_by_role("button", name="状態を変更").click()
    expect(page.locator(".edition-meta")).to_contain_text("委員限りで共有")

    # 6. member_a follows their comment to the report.
    member = new_page()
    browser_login(member, "member_a")
    member.goto(f"/questions/{q31.pk}/")
    trace = member.locator(f"#trace-{c_a.pk}")
    expect(trace).to_contain_text("骨子案 第1章 1に反映")
    trace.get_by_role("link").click()
    expect(member.locator(f"#paragraph-{paragraph.pk}")).to_contain_text("生活費の実態")

    # 7. The 案 for 第8回, copied from the 骨子案; the paragraph edited inline.
    page.get_by_role("link", name="新しい版").click()
    page.get_by_label("版").select_option(label="案")
    page.get_by_label("会議").select_option(label="第8回国際戦略委員会")
    page.get_by_role("button", name="版を作成").click()
    draft = Edition.objects.get(kind="draft")
    copied = draft.paragraphs.get()
    assert copied.number == paragraph.number
    page.locator(f"#paragraph-{copied.pk}").get_by_role("link", name=re.compile("編集")).click()
    box = page.locator(f"#paragraph-{copied.pk} textarea")
    box.fill("支援額について、生活費と物価の実態を踏まえて引き上げを検討する。")
    page.locator(f"#paragraph-{copied.pk}").get_by_role("button", name="保存").click()
    expect(page.locator(f"#paragraph-{copied.pk} .paragraph-body")).to_contain_text("引き上げ")

    # 8. Downloads: 新旧対照表 (DOCX), 対応 table (XLSX), the edition (DOCX).
    page.get_by_role("link", name="前の版との新旧対照表").click()
    expect(page.locator(".compare-table ins").first).to_be_visible()
    compare = Document(io.BytesIO(_download(page, "DOCX")))
    assert any(
        run.underline
        for cell in compare.tables[0].columns[0].cells
        for p in cell.paragraphs
        for run in p.runs
    )
    page.goto(f"/reports/editions/{draft.pk}/")
    sheet = load_workbook(io.BytesIO(_download(page, "XLSX"))).active
    rows = list(sheet.iter_rows(values_only=True))
    kinds = {row[2]: row[4] for row in rows[2:]}
    assert kinds == {"A委員": "反映", "B委員": "反映しない", "主査": "回答"}
    word = Document(io.BytesIO(_download(page, "DOCXをダウンロード")))
    assert any("引き上げ" in p.text for p in word.paragraphs)

    # 9. Attach the 案 as 資料1 of 第8回.
    attach = page.locator("#attach")
    attach.get_by_label("出力").select_option(label="本文（DOCX）")
    attach.get_by_label("資料番号").fill("資料1")
    attach.get_by_role("button", name="登録").click()
    expect(page.locator(".messages")).to_contain_text("資料1として登録しました")
    material = Material.objects.get(meeting=Meeting.objects.get(number=8), number="資料1")
    assert material.versions.get().original_name.endswith(".docx")

    # 10. The observer sees nothing until the 案 is published.
    observer = new_page()
    browser_login(observer, "bocho")
    response = observer.goto(f"/reports/editions/{draft.pk}/")
    assert response.status == 404
    observer.goto("/reports/")
    expect(observer.locator("main")).not_to_contain_text("海外派遣強化に向けて")
    Meeting.objects.filter(number=8).update(is_published=True)
    page.locator("#id_status").select_option(label="公表")
    page.get_by_role("button", name="状態を変更").click()
    expect(page.locator(".edition-meta")).to_contain_text("公表")
    response = observer.goto(f"/reports/editions/{draft.pk}/")
    assert response.status == 200
    expect(observer.locator(f"#paragraph-{copied.pk}")).to_contain_text("引き上げ")


def test_a_stale_paragraph_edit_is_refused_in_place_and_the_outline_comes_back(page):
    """The 409 is swapped in place by base.html's responseHandling (no page script); Cancel
    and the move buttons inherit the outline's hx-target (edition_detail.html's #outline)."""
    s = drafted()
    browser_login(page, s.secretariat.username)
    page.goto(f"/reports/editions/{s.edition.pk}/")
    para = page.locator(f"#paragraph-{s.p1.pk}")
    para.locator(".paragraph-tools a").first.click()  # Edit, swapped in (HTMX)
    box = para.locator("textarea")
    expect(box).to_be_visible()
    reports_services.paragraph_update(
        paragraph=s.p1, version=s.p1.version, body="他の人の文。", by=s.secretariat
    )
    box.fill("私の文。")
    para.locator("button[type=submit]").click()
    expect(para.locator("[role=alert]").first).to_contain_text("他の人の文")
    expect(box).to_have_value("私の文。")  # what was typed comes back in the box
    para.locator("form a").click()  # Cancel: the outline again
    expect(para.locator(".paragraph-body")).to_contain_text("他の人の文")
    page.locator(f"#paragraph-move-down-{s.p1.pk}").click()
    expect(page.locator("#outline .paragraph-body").first).to_contain_text("第二段落")
    expect(page).to_have_url(re.compile(rf"/reports/editions/{s.edition.pk}/$"))  # no reload


@pytest.mark.parametrize("kind", ["paragraph", "section"])
def test_the_standalone_edit_page_saves_and_cancels_with_javascript_on(page, kind):
    """The edit form opened on its own page (a new tab, a bookmark) has no outline to swap
    into: it works as the plain form does, the save lands on the edition page."""
    s = drafted()
    item = s.p1 if kind == "paragraph" else s.p1.section
    field = "body" if kind == "paragraph" else "title"
    browser_login(page, s.secretariat.username)
    page.goto(f"/reports/{kind}s/{item.pk}/edit/")
    page.locator(f"#edit-{kind}-{item.pk}-{field}").fill("別のタブで直した文。")
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(rf"/reports/editions/{s.edition.pk}/"))
    expect(page.locator("#outline")).to_contain_text("別のタブで直した文。")
    page.goto(f"/reports/{kind}s/{item.pk}/edit/")
    page.get_by_role("link", name="キャンセル").click()
    expect(page).to_have_url(re.compile(rf"/reports/editions/{s.edition.pk}/"))
