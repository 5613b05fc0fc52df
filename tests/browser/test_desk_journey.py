"""The secretariat runs a consultation from the desk, in the browser: a new question under ②
linked to 第6回's agenda item, its period opened (the members are mailed, read back from a real
SMTP server), closed while a member is writing, extended; the member's comment is then posted,
published by the secretariat, and an observer reads it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from policies.models import Comment, Question
from tests import factories
from tests.conftest import browser_login
from tests.desk.smtp import smtp_server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "大学・研究機関の組織的な送り出し"
TEXT = "所属機関が帰国後のポストを保証する仕組みが必要です。"


@pytest.fixture
def smtp(settings):
    with smtp_server(settings) as inbox:
        yield inbox


def _local(days: int) -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _mails_to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def _world():
    """第6回 with its agenda item, ①, ② without a period yet, and one user per role."""
    meeting = factories.MeetingFactory(number=6, title="第6回国際戦略委員会", is_published=True)
    item = factories.AgendaItemFactory(
        meeting=meeting, position=1, title="システム改革の観点からの議論"
    )
    factories.PerspectiveFactory(position=1, label="個人の観点", title="裾野拡大")
    system = factories.PerspectiveFactory(
        position=2,
        label="システムの観点",
        title="組織としての送り出し",
        comment_opens_at=None,
        comment_closes_at=None,
    )
    factories.secretariat(username="jimukyoku", display_name="事務局")
    factories.member(username="iin_a", display_name="A委員")
    factories.observer(username="bochosha")
    return system, item


def _create_question(desk, system, item) -> Question:
    """From the home page to a published question under ②, linked to 第6回's agenda item."""
    browser_login(desk, "jimukyoku")
    desk.goto("/")
    desk.get_by_role("link", name="論点管理").click()
    desk.locator(f"#perspective-{system.pk}").get_by_role("link", name="論点を追加").click()
    desk.get_by_label("タイトル").fill(TITLE)
    desk.get_by_role("textbox", name="論点", exact=True).fill(
        "組織として研究者を送り出し、受け入れる仕組みをどう作るか。"
    )
    desk.get_by_label("議題").select_option(label=f"第6回国際戦略委員会 — 1. {item.title}")
    desk.get_by_label("公開").check()
    desk.get_by_role("button", name="保存").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"②-1 {TITLE}")
    question = Question.objects.get(title=TITLE)
    assert question.agenda_item == item and question.is_published
    return question


def _open_period(desk, smtp, question) -> None:
    """Open now (the HTMX panel); the member is mailed once, with the question's link."""
    period = desk.locator("#period")
    expect(period).to_contain_text("期間未設定")
    period.get_by_label("締切日時").fill(_local(7))
    period.get_by_role("button", name="今すぐ開始").click()
    expect(desk.locator("#period")).to_contain_text("受付中")
    expect(desk.locator("#period")).to_contain_text("委員にメールで通知します")
    opened = _mails_to(smtp, "iin_a@example.go.jp")
    assert len(opened) == 1 and TITLE in opened[0].get_content()
    assert f"/questions/{question.pk}/" in opened[0].get_content()


def _extend_period(desk, smtp) -> None:
    """Extend to a later close: open again, and the member is mailed the new deadline."""
    desk.locator("#period").get_by_label("延長後の締切日時").fill(_local(14))
    desk.locator("#period").get_by_role("button", name="延長").click()
    expect(desk.locator("#period")).to_contain_text("受付期間を延長しました")
    expect(desk.locator("#period")).to_contain_text("受付中")
    extended = _mails_to(smtp, "iin_a@example.go.jp")
    assert len(extended) == 2 and "延長" in extended[1]["Subject"]


def _publish_comments(desk) -> None:
    """Publish the question's comments after reading what becomes public."""
    desk.reload()
    desk.get_by_role("link", name="意見を公開する…").click()
    summary = desk.locator("#publication-summary")
    expect(summary).to_contain_text("1件の意見が公開されます")
    expect(summary).to_contain_text("A委員（1件）")
    desk.get_by_role("button", name="これらの意見を公開する").click()
    expect(desk.locator(".messages")).to_contain_text("意見を公開しました")


def test_the_secretariat_runs_a_question_from_the_desk(page, new_page, smtp):
    system, item = _world()
    desk = page
    # 1. A new question under ②, linked to 第6回's agenda item, published.
    question = _create_question(desk, system, item)
    # 2. Its period opened now; the member is notified.
    _open_period(desk, smtp, question)

    # 3. The member starts writing.
    member = new_page()
    browser_login(member, "iin_a")
    member.goto(f"/questions/{question.pk}/")
    composer = member.locator("#composer")
    composer.get_by_role("combobox", name="立場").select_option(label="提案")
    composer.get_by_role("textbox", name="意見").fill(TEXT)

    # 4. The secretariat closes the period meanwhile (after confirming).
    desk.once("dialog", lambda dialog: dialog.accept())
    desk.locator("#period").get_by_role("button", name="今すぐ締切").click()
    expect(desk.locator("#period")).to_contain_text("意見の受付を締め切りました")
    expect(desk.locator("#period")).to_contain_text("締切")

    # 5. The member submits and is refused.
    composer.get_by_role("button", name="投稿する").click()
    expect(member.locator("#composer")).to_contain_text("締め切られました")
    assert not Comment.objects.filter(question=question).exists()
    # The refusal keeps the typed text in the box (and in the browser's local draft).
    expect(member.locator("#composer").get_by_role("textbox", name="意見")).to_have_value(TEXT)

    # 6. The secretariat extends the period: open again, the member is told of the deadline.
    _extend_period(desk, smtp)

    # 7. The member comes back: the draft kept while the period was closed is in the box again.
    member.goto(f"/questions/{question.pk}/")
    composer = member.locator("#composer")
    expect(composer.get_by_role("textbox", name="意見")).to_have_value(TEXT)
    composer.get_by_role("combobox", name="立場").select_option(label="提案")
    composer.get_by_role("textbox", name="意見").fill(TEXT)
    composer.get_by_role("button", name="投稿する").click()
    expect(member.locator("#comment-list")).to_contain_text("帰国後のポスト")

    # An observer does not see members-only comments yet.
    observer = new_page()
    browser_login(observer, "bochosha")
    observer.goto(f"/questions/{question.pk}/")
    expect(observer.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert "帰国後のポスト" not in observer.locator("main").inner_text()

    # 8. The secretariat publishes the question's comments.
    _publish_comments(desk)

    # 9. The observer now reads it.
    observer.reload()
    expect(observer.locator("main")).to_contain_text("帰国後のポスト")

    # The desk's history has each step, newest first.
    history = desk.locator("#history").inner_text()
    for label in ("意見を公開", "意見受付終了", "意見受付開始"):
        assert label in history


def test_a_stale_publish_shows_the_refusal_in_place(page):
    """HTMX swaps the refused list (409) in place: the secretariat reads why, nothing changed."""
    question = factories.QuestionFactory(title="古い画面の論点")
    factories.secretariat(username="jimukyoku")
    browser_login(page, "jimukyoku")
    page.goto("/desk/")
    page.evaluate("window.__noReload = 'still-here'")
    Question.objects.filter(pk=question.pk).update(version=question.version + 1)
    page.locator(f"#publish-question-{question.pk}").click()
    expect(page.locator("#desk-list [role=alert]")).to_contain_text("その間に他の人が変更しました")
    assert page.evaluate("window.__noReload") == "still-here"
    assert Question.objects.get(pk=question.pk).is_published
