"""Two members discuss a question live: A posts a concern, B sees it appear without reloading
and replies, A edits; after the deadline both are refused; an anonymous visitor sees nothing."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from policies.models import Comment, Question
from tests import factories
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fast_polling(settings):
    settings.COMMENT_POLL_SECONDS = 1


def _mark_page(pg):
    # A value that survives only as long as the document does: proves there was no reload.
    pg.evaluate("window.__noReload = 'still-here'")


def _not_reloaded(pg):
    assert pg.evaluate("window.__noReload") == "still-here"


def test_two_members_comment_reply_edit_and_the_deadline_stops_them(page, new_page, fast_polling):
    question = factories.QuestionFactory(title="短期の海外経験から始める")
    factories.member(username="iin_a", display_name="A委員")
    factories.member(username="iin_b", display_name="B委員")
    url = f"/questions/{question.pk}/"

    a = page
    browser_login(a, "iin_a")
    a.goto(url)
    b = new_page()
    browser_login(b, "iin_b")
    b.goto(url)
    _mark_page(a)
    _mark_page(b)

    # A posts a concern.
    composer = a.locator("#composer")
    composer.get_by_role("combobox", name="立場").select_option(label="懸念")
    composer.get_by_role("textbox", name="意見").fill("渡航費だけでは**不十分**です。")
    composer.get_by_role("button", name="投稿する").click()
    first = a.locator("#comment-list .thread").first
    expect(first).to_contain_text("不十分")
    expect(first).to_contain_text("懸念")
    expect(a.locator("#composer textarea")).to_have_value("")
    _not_reloaded(a)

    # B sees it appear by polling, without reloading.
    expect(b.locator("#comment-list")).to_contain_text("不十分", timeout=8_000)
    _not_reloaded(b)

    # B replies.
    b.locator("#comment-list .thread").first.get_by_role("link", name="返信").click()
    expect(b.locator("#composer")).to_contain_text("A委員への返信")
    b.locator("#composer").get_by_role("combobox", name="立場").select_option(label="提案")
    b.locator("#composer").get_by_role("textbox", name="意見").fill(
        "生活費の支援も加えるべきです。"
    )
    b.locator("#composer").get_by_role("button", name="返信する").click()
    expect(b.locator("#comment-list .replies")).to_contain_text("生活費の支援")
    _not_reloaded(b)
    expect(a.locator("#comment-list .replies")).to_contain_text("生活費の支援", timeout=8_000)

    # A edits the original comment.
    own = a.locator("#comment-list .thread").first.locator(".comment").first
    own.get_by_role("link", name="編集").click()
    expect(a.locator("#composer")).to_contain_text("意見を編集")
    a.locator("#composer").get_by_role("textbox", name="意見").fill(
        "渡航費だけでは不十分で、住居支援が必要です。"
    )
    a.locator("#composer").get_by_role("button", name="変更を保存").click()
    expect(a.locator("#comment-list")).to_contain_text("住居支援が必要です")
    expect(a.locator("#comment-list")).to_contain_text("編集済み")
    _not_reloaded(a)
    expect(b.locator("#comment-list")).to_contain_text("住居支援が必要です", timeout=8_000)

    # The deadline passes (the secretariat moves it into the past).
    Question.objects.filter(pk=question.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2),
        closes_at=timezone.now() - dt.timedelta(seconds=1),
    )
    before = Comment.objects.count()
    a.locator("#composer").get_by_role("combobox", name="立場").select_option(label="支持")
    a.locator("#composer").get_by_role("textbox", name="意見").fill("締切後の意見")
    a.locator("#composer").get_by_role("button", name="投稿する").click()
    expect(a.locator("#composer")).to_contain_text("締め切られました")

    b.locator("#composer").get_by_role("combobox", name="立場").select_option(label="支持")
    b.locator("#composer").get_by_role("textbox", name="意見").fill("締切後の返信")
    b.locator("#composer").get_by_role("button", name="投稿する").click()
    expect(b.locator("#composer")).to_contain_text("締め切られました")
    assert Comment.objects.count() == before
    assert (
        Comment.objects.get(parent__isnull=True).body
        == "渡航費だけでは不十分で、住居支援が必要です。"
    )

    # An anonymous visitor sees none of it.
    visitor = new_page()
    visitor.goto(url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("短期の海外経験から始める")
    body = visitor.locator("main").inner_text()
    assert "住居支援" not in body and "生活費の支援" not in body
    assert "公開されていません" in body
    assert visitor.locator("#composer").count() == 0
