"""The review's done-when journey: two members suggest different wordings for the same
paragraph of the 案 and one comments 懸念; the secretariat adopts one suggestion, declines the
other with 考え方 and makes the final edition; the 新旧対照表 shows the adopted change
attributed; the grid shows member_b moving from 懸念 to 支持 between 第6回 and 第8回; after the
period closes, a suggestion is refused with the text kept."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from policies import services as policy_services
from policies.models import Comment
from reports import services
from reports.models import Edition, ParagraphReview
from reports.review import services as review
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "支援額について、生活費の実態を踏まえて検討する。"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _setup():
    now = timezone.now()
    meetings = {
        n: factories.MeetingFactory(
            number=n,
            title=f"第{n}回国際戦略委員会",
            starts_at=now + dt.timedelta(days=days),
            is_published=True,
        )
        for n, days in ((5, -120), (6, -80), (7, -40), (8, 10))
    }
    jimu = factories.secretariat(username="jimu", display_name="事務局")
    factories.member(username="member_a", display_name="A委員")
    b = factories.member(username="member_b", display_name="B委員")
    item = factories.AgendaItemFactory(meeting=meetings[7], position=1)
    q = factories.QuestionFactory(agenda_item=item, title="十分な支援額")
    # member_b's 懸念 on the question before 第6回.
    early = policy_services.comment_create(
        question=q, author=b, body="支援額より人数を優先すべきでは。", stance="concern"
    )
    at = meetings[6].starts_at - dt.timedelta(days=3)
    Comment.objects.filter(pk=early.pk).update(created_at=at, activity_at=at)
    report = services.report_create(title="日本人研究者の海外派遣強化に向けて", by=jimu)
    edition = services.edition_create(report=report, kind="draft", meeting=meetings[7], by=jimu)
    chapter = services.section_create(edition=edition, title="支援の充実・多様化", by=jimu)
    paragraph = services.paragraph_create(section=chapter, body=BODY, by=jimu)
    services.paragraph_questions_set(paragraph=paragraph, questions=[q], by=jimu)
    Edition.objects.filter(pk=edition.pk).update(status="shared")
    review.review_period_set(
        edition=edition,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=5),
        by=jimu,
    )
    return report, edition, paragraph, q


def _send(page, *, kind, text="", reason="", stance=""):
    if kind == "suggestion":
        page.get_by_label("修文案", exact=True).check()
        page.get_by_label("修文案の文面（修文案の場合）").fill(text)
    else:
        page.get_by_label("コメント", exact=True).check()
        page.get_by_label(stance, exact=True).check()
    page.get_by_label("コメント、または修文の理由").fill(reason)
    page.get_by_role("button", name="送信").click()


def test_review_journey(page, new_page):
    report, edition, paragraph, q = _setup()
    url = f"/reports/paragraphs/{paragraph.pk}/review/"

    # 1. member_a suggests a wording and comments 懸念 (HTMX, the thread swaps in place).
    a = new_page()
    browser_login(a, "member_a")
    a.goto(f"/reports/editions/{edition.pk}/review/")
    expect(a.locator("#review-period")).to_contain_text("まだレビューしていません")
    a.get_by_role("link", name="コメント・修文案を送る").click()
    _send(
        a,
        kind="suggestion",
        text="支援額について、生活費の実態を踏まえて見直す。",
        reason="方向性を明確にするため。",
    )
    thread = a.locator("#review-thread")
    expect(thread).to_contain_text("レビューを送信しました")
    expect(thread.locator("ins").first).to_contain_text("見直す")
    _send(a, kind="comment", stance="懸念", reason="財源の裏付けが心配です。")
    expect(thread.locator(".review-list")).to_contain_text("財源の裏付け")

    # 2. member_b suggests another wording, then says 支持 of the paragraph's direction.
    b = new_page()
    browser_login(b, "member_b")
    b.goto(url)
    _send(
        b, kind="suggestion", text="支援額と支援人数の両面から検討する。", reason="人数も重要です。"
    )
    expect(b.locator("#review-thread")).to_contain_text("レビューを送信しました")
    _send(b, kind="comment", stance="支持", reason="方向性に賛成します。")
    expect(b.locator(".review-list")).to_contain_text("方向性に賛成")
    sa = ParagraphReview.objects.get(author__username="member_a", kind="suggestion")
    sb = ParagraphReview.objects.get(author__username="member_b", kind="suggestion")

    # 3. The secretariat adopts a's suggestion and declines b's (考え方 required).
    browser_login(page, "jimu")
    page.goto(url)
    item_b = page.locator(f"#review-{sb.pk}")
    item_b.get_by_label("対応区分").select_option(label="不採用")
    item_b.get_by_role("button", name="対応を保存").click()
    expect(page.locator(".refusal")).to_contain_text("考え方を記入")
    item_b = page.locator(f"#review-{sb.pk}")
    item_b.get_by_label("対応区分").select_option(label="不採用")
    item_b.get_by_label("考え方（採用以外は必須）").fill("支援人数は③-3で扱います。")
    item_b.get_by_role("button", name="対応を保存").click()
    expect(page.locator(f"#review-{sb.pk}")).to_contain_text("支援人数は③-3で扱います。")
    item_a = page.locator(f"#review-{sa.pk}")
    item_a.get_by_label("対応区分").select_option(label="採用")
    item_a.get_by_role("button", name="対応を保存").click()
    expect(page.locator(f"#review-{sa.pk} .review-disposition")).to_contain_text("採用")

    # 4. The final edition is made from the 案: the adopted wording is in it, attributed.
    page.goto(f"/reports/{report.pk}/editions/new/")
    page.get_by_label("版").select_option(label="最終")
    page.get_by_label("会議").select_option(label="第8回国際戦略委員会")
    page.get_by_role("button", name="版を作成").click()
    final = Edition.objects.get(kind="final")
    assert final.paragraphs.get(number=paragraph.number).body.endswith("見直す。")
    page.goto(f"/reports/editions/{final.pk}/compare/")
    expect(page.locator("table")).to_contain_text("修文案を反映（提案：A委員）")
    expect(page.locator("table ins").first).to_contain_text("見直す")

    # 5. Where the committee stands: member_b from 懸念 (第6回) to 支持 (第8回).
    page.goto(f"/reports/stances/questions/{q.pk}/")
    row_b = page.locator("tr", has_text="B委員")
    expect(row_b.locator("td").nth(1)).to_have_text("懸念")
    expect(row_b.locator("td").nth(3)).to_contain_text("懸念 → 支持")
    expect(row_b.locator("td.stance-changed")).to_have_count(1)
    b.goto(f"/reports/stances/questions/{q.pk}/")
    expect(b.locator("tbody")).not_to_contain_text("A委員")

    # 6. The review is closed now: a late suggestion is refused, its text kept.
    page.goto(f"/reports/editions/{edition.pk}/review/")
    page.get_by_role("button", name="今すぐレビューを終了").click()
    expect(page.locator("#review-period")).to_contain_text("受付期間外")
    a.goto(url)
    _send(a, kind="suggestion", text="締切後に書いた私の案。", reason="遅れました。")
    expect(a.locator("#composer [data-composer-error]")).to_contain_text(
        "レビュー期間は終了しました"
    )
    expect(a.get_by_label("修文案の文面（修文案の場合）")).to_have_value("締切後に書いた私の案。")
    expect(a.locator(".current-paragraph")).to_contain_text("生活費の実態")
    assert ParagraphReview.objects.count() == 4
