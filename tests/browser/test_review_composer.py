"""The paragraph review box is the question page's composer (static/js/policies.js): a refusal
(period closed, server error, network failure) keeps the typed wording, reason and choice
without a reload; the local draft survives a reload and goes only once the server stored the
review; opening one's own review for editing while the box holds text asks first."""

import json

import pytest
from playwright.sync_api import expect

from reports.models import ParagraphReview
from reports.review import services as review
from tests.conftest import browser_login
from tests.review.helpers import under_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDING = "第一段落を、派遣の目的がわかるように書き換えた案。"
REASON = "目的を先に書くと読みやすくなります。"


def _open(page, s):
    browser_login(page, s.a.username)
    page.goto(f"/reports/paragraphs/{s.p1.pk}/review/")
    page.evaluate("window.__noReload = 'still-here'")
    return page.locator("#composer")


def _type(composer):
    composer.get_by_label("修文案", exact=True).check()
    composer.get_by_label("修文案の文面（修文案の場合）").fill(WORDING)
    composer.get_by_label("コメント、または修文の理由").fill(REASON)


def _kept(composer):
    expect(composer.get_by_label("修文案", exact=True)).to_be_checked()
    expect(composer.get_by_label("修文案の文面（修文案の場合）")).to_have_value(WORDING)
    expect(composer.get_by_label("コメント、または修文の理由")).to_have_value(REASON)


def _drafts(page) -> dict:
    return json.loads(
        page.evaluate(
            "JSON.stringify(Object.fromEntries(Object.keys(localStorage)"
            ".filter(k => k.startsWith('policies-draft:')).map(k => [k, localStorage[k]])))"
        )
    )


def test_a_closed_period_keeps_the_text_and_the_draft_survives_a_reload(page):
    s = under_review()
    composer = _open(page, s)
    _type(composer)
    review.review_period_close_now(period=s.period, by=s.secretariat)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        composer.get_by_role("button", name="送信").click()
    assert answer.value.status == 403
    expect(composer.locator("[data-composer-error]")).to_contain_text("終了")
    _kept(composer)
    assert page.evaluate("window.__noReload") == "still-here"
    assert list(_drafts(page)) == [f"policies-draft:paragraph-{s.p1.pk}:new"]

    # The secretariat opens the review again; after a reload the draft is back, then sent.
    review.review_period_set(
        edition=s.edition,
        opens_at=s.period.opens_at,
        closes_at=s.period.opens_at.replace(year=s.period.opens_at.year + 1),
        by=s.secretariat,
    )
    page.reload()
    composer = page.locator("#composer")
    expect(composer).to_contain_text("下書きを復元しました")
    _kept(composer)
    composer.get_by_role("button", name="送信").click()
    expect(page.locator("#reviews")).to_contain_text("レビューを送信しました")
    expect(page.locator("#reviews ins").first).to_contain_text("派遣の目的")
    assert ParagraphReview.objects.get().suggested_text == WORDING
    assert _drafts(page) == {}
    page.reload()
    expect(page.locator("#composer").get_by_label("コメント、または修文の理由")).to_have_value("")


@pytest.mark.parametrize(
    ("failure", "message"), [("500", "保存できませんでした"), ("network", "接続できませんでした")]
)
def test_a_server_error_or_no_network_keeps_the_text(page, failure, message):
    s = under_review()
    composer = _open(page, s)
    _type(composer)

    def handle(route):
        if route.request.method != "POST":
            route.continue_()
        elif failure == "500":
            route.fulfill(status=500, content_type="text/html", body="<html><h1>Error</h1></html>")
        else:
            route.abort("internetdisconnected")

    page.route("**/review/", handle)
    composer.get_by_role("button", name="送信").click()
    expect(composer.locator("[data-composer-client-error]")).to_contain_text(message)
    _kept(composer)
    assert page.evaluate("window.__noReload") == "still-here"
    page.unroute("**/review/")
    composer.get_by_role("button", name="送信").click()
    expect(page.locator("#reviews")).to_contain_text("レビューを送信しました")
    assert ParagraphReview.objects.count() == 1


def test_opening_an_edit_asks_first_and_the_edit_is_saved(page):
    s = under_review()
    own = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="最初の懸念"
    )
    composer = _open(page, s)
    _type(composer)
    edit = page.locator(f"#review-{own.pk}").get_by_role("link", name="編集")
    page.once("dialog", lambda dialog: dialog.dismiss())
    edit.click()
    _kept(composer)
    page.once("dialog", lambda dialog: dialog.accept())
    edit.click()
    expect(composer).to_contain_text("レビューを修正")
    composer.get_by_label("コメント、または修文の理由").fill("懸念は解消しました。")
    composer.get_by_label("支持", exact=True).check()
    composer.get_by_role("button", name="変更を保存").click()
    expect(page.locator("#reviews")).to_contain_text("懸念は解消しました。")
    own.refresh_from_db()
    assert own.stance == "support" and own.revisions.count() == 1
    # The new review's draft was kept aside while editing: it is offered again.
    page.reload()
    expect(page.locator("#composer")).to_contain_text("下書きを復元しました")
