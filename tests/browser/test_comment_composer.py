"""Nobody loses their words: every refusal of a post, reply or edit (period closed, question
unpublished, stale, forbidden, validation, server error, network failure, timeout) shows the
message inside the composer with the text and stance still there; the local draft survives a
reload and is dropped only once the server stored the comment; opening another box asks first;
without JavaScript the refused page comes back with the text in the box."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts import roles
from policies.models import Comment, Question
from tests import factories
from tests.conftest import browser_login
from tests.policies.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "派遣先での住居の確保を、大学が支援する仕組みが必要です。"


@pytest.fixture
def question(db):
    return factories.QuestionFactory(title="組織としての送り出し")


@pytest.fixture
def writer(db):
    return factories.member(username="iin_w", display_name="W委員")


def _open(page, question, user="iin_w"):
    browser_login(page, user)
    page.goto(f"/questions/{question.pk}/")
    page.evaluate("window.__noReload = 'still-here'")
    return page.locator("#composer")


def _type(composer, text=TEXT, stance="提案"):
    composer.get_by_role("combobox", name="立場").select_option(label=stance)
    composer.get_by_role("textbox", name="意見").fill(text)


def _submit(composer, name="投稿する"):
    composer.get_by_role("button", name=name).click()


def _kept(composer, text=TEXT, stance="proposal"):
    """The text and stance are still in the box."""
    expect(composer.get_by_role("textbox", name="意見")).to_have_value(text)
    expect(composer.get_by_role("combobox", name="立場")).to_have_value(stance)


def _drafts(page) -> dict:
    return json.loads(
        page.evaluate(
            "JSON.stringify(Object.fromEntries(Object.keys(localStorage)"
            ".filter(k => k.startsWith('policies-draft:')).map(k => [k, localStorage[k]])))"
        )
    )


def _close_period(question):
    Question.objects.filter(pk=question.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=2),
        closes_at=timezone.now() - dt.timedelta(seconds=1),
    )


def test_period_closing_before_submit_keeps_the_text_and_the_draft_survives_a_reload(
    page, question, writer
):
    composer = _open(page, question)
    _type(composer)
    _close_period(question)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _submit(composer)
    assert answer.value.status == 403
    expect(composer.locator("[role=alert]").first).to_contain_text("締め切られました")
    _kept(composer)
    assert page.evaluate("window.__noReload") == "still-here"
    assert not Comment.objects.exists()

    # The secretariat extends the period; the member reloads: the draft is back, then posted.
    Question.objects.filter(pk=question.pk).update(closes_at=timezone.now() + dt.timedelta(days=1))
    page.reload()
    composer = page.locator("#composer")
    _kept(composer)
    expect(composer).to_contain_text("下書きを復元しました")
    _submit(composer)
    expect(page.locator("#comment-list")).to_contain_text("大学が支援する仕組み")
    expect(composer.get_by_role("textbox", name="意見")).to_have_value("")
    assert Comment.objects.get().body == TEXT
    assert _drafts(page) == {}  # cleared only now that the server stored it
    page.reload()
    expect(page.locator("#composer textarea")).to_have_value("")


def test_unpublished_question_comes_back_with_the_text(page, question, writer):
    composer = _open(page, question)
    _type(composer)
    Question.objects.filter(pk=question.pk).update(is_published=False)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _submit(composer)
    assert answer.value.status == 404
    composer = page.locator("#composer")
    expect(composer).to_contain_text("この論点は現在表示できません")
    _kept(composer)
    assert not Comment.objects.exists()


def test_a_stale_edit_is_refused_with_the_text_kept(page, new_page, question, writer):
    comment = CommentFactory(question=question, author=writer, body="最初の意見", stance="support")
    composer = _open(page, question)
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="編集").click()
    expect(composer).to_contain_text("意見を編集")
    other = new_page()
    other_composer = _open(other, question)
    other.locator(f"#comment-{comment.pk}").get_by_role("link", name="編集").click()
    expect(other_composer).to_contain_text("意見を編集")
    _type(other_composer, "別の画面での修正", stance="懸念")
    _submit(other_composer, "変更を保存")
    expect(other.locator("#comment-list")).to_contain_text("別の画面での修正")

    _type(composer, stance="提案")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _submit(composer, "変更を保存")
    assert answer.value.status == 409
    expect(composer.locator("[role=alert]").first).to_contain_text("別の画面で変更されました")
    _kept(composer)
    comment.refresh_from_db()
    assert comment.body == "別の画面での修正"


def test_forbidden_after_the_page_loaded_keeps_the_text(page, question, writer):
    composer = _open(page, question)
    _type(composer)
    writer.groups.remove(Group.objects.get(name=roles.MEMBER))
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _submit(composer)
    assert answer.value.status == 403
    expect(composer.locator("[data-composer-client-error]")).to_contain_text(
        "投稿できなくなりました"
    )
    _kept(composer)
    assert not Comment.objects.exists()


def test_server_validation_is_shown_in_the_box(page, question, writer):
    composer = _open(page, question)
    _type(composer, "   ")
    # The browser's own checks would stop this; the server must say it too.
    page.evaluate("document.querySelector('#composer textarea').removeAttribute('required')")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        _submit(composer)
    assert answer.value.status == 422
    expect(composer.locator("#id_body_error")).to_contain_text("意見を入力してください")
    expect(composer.get_by_role("combobox", name="立場")).to_have_value("proposal")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        ("500", "サーバーで意見を保存できませんでした"),
        ("network", "サーバーに接続できませんでした"),
        ("timeout", "サーバーの応答がありませんでした"),
    ],
)
def test_server_error_network_failure_and_timeout_keep_the_text(
    page, question, writer, failure, message
):
    composer = _open(page, question)
    _type(composer)
    pending = []

    def handle(route):
        if route.request.method != "POST":
            route.continue_()
        elif failure == "500":
            route.fulfill(status=500, content_type="text/html", body="<html><h1>Error</h1></html>")
        elif failure == "network":
            route.abort("internetdisconnected")
        else:
            pending.append(route)  # never answered: the composer's timeout fires

    page.route("**/comments/", handle)
    if failure == "timeout":
        page.evaluate(
            "document.querySelector('#composer form').setAttribute('hx-request', "
            "'{\"timeout\": 800}')"
        )
    _submit(composer)
    expect(composer.locator("[data-composer-client-error]")).to_contain_text(message)
    _kept(composer)
    assert page.evaluate("window.__noReload") == "still-here"
    drafts = _drafts(page)
    assert [json.loads(v)["fields"]["body"] for v in drafts.values()] == [TEXT]

    # Back online: the same box posts (the draft goes only now).
    page.unroute("**/comments/")
    _submit(composer)
    expect(page.locator("#comment-list")).to_contain_text("大学が支援する仕組み")
    assert Comment.objects.count() == 1
    assert _drafts(page) == {}


def test_opening_a_reply_asks_first_and_each_box_keeps_its_draft(page, question, writer):
    other = factories.member(username="iin_o", display_name="O委員")
    parent = CommentFactory(question=question, author=other, body="他の委員の意見")
    composer = _open(page, question)
    _type(composer)
    reply = page.locator(f"#comment-{parent.pk}").get_by_role("link", name="返信")

    page.once("dialog", lambda dialog: dialog.dismiss())
    reply.click()
    expect(composer).to_contain_text("意見を投稿")
    _kept(composer)

    page.once("dialog", lambda dialog: dialog.accept())
    reply.click()
    expect(composer).to_contain_text("O委員への返信")
    _type(composer, "返信の下書きです。", stance="質問")
    page.reload()
    # After the reload the new comment's draft is back and the reply's is offered.
    composer = page.locator("#composer")
    _kept(composer)
    expect(composer).to_contain_text("送信していない返信または編集の下書き")
    page.once("dialog", lambda dialog: dialog.accept())
    composer.get_by_role("link", name="下書きを開く 1").click()
    expect(composer).to_contain_text("O委員への返信")
    _kept(composer, "返信の下書きです。", "question")


def test_without_javascript_the_refused_page_keeps_the_text(browser, live_server, question):
    factories.member(username="iin_n")
    context = browser.new_context(
        locale="ja-JP", base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        composer = _open(page, question, "iin_n")
        _type(composer)
        _close_period(question)
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            _submit(composer)
        assert answer.value.status == 403
        composer = page.locator("#composer")
        expect(composer).to_contain_text("締め切られました")
        _kept(composer)
    finally:
        context.close()
