"""Review screens: the composer with and without HTMX, refusals keeping the typed text and
showing the current paragraph, dispositions, and constant queries."""

import json
import uuid

import pytest
from django.urls import reverse

from reports import services
from reports.models import ParagraphReview
from reports.review import services as review
from tests import factories
from tests.reports.factories import logged_in
from tests.review.helpers import suggest, under_review

pytestmark = pytest.mark.django_db


def _post(client, paragraph, htmx=False, **data):
    values = {
        "kind": "suggestion",
        "body": "理由を書きました。",
        "suggested_text": "第一段落を書き換えた案。",
        "base_version": paragraph.version,
        "idempotency_token": str(uuid.uuid4()),
        **data,
    }
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("reports:review-paragraph", args=[paragraph.pk]), values, **extra)


def _stored_event(response) -> dict:
    return json.loads(response["HX-Trigger"])["policies:comment-stored"]


def test_member_suggests_without_javascript_and_sees_the_tracked_change():
    s = under_review()
    client = logged_in(s.a)
    response = _post(client, s.p1)
    item = ParagraphReview.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#review-{item.pk}")
    html = client.get(response["Location"]).content.decode()
    assert "<ins>を書き換えた案</ins>" in html and "レビューを送信しました" in html
    page = client.get(reverse("reports:review-edition", args=[s.edition.pk])).content.decode()
    assert "修文案" in page and "レビュー済み" in page


def test_the_paragraph_page_has_the_question_pages_composer():
    s = under_review()
    html = logged_in(s.a).get(reverse("reports:review-paragraph", args=[s.p1.pk])).content
    html = html.decode()
    assert 'id="composer"' in html and "data-composer" in html
    assert f'data-draft-scope="paragraph-{s.p1.pk}" data-draft-key="new"' in html
    assert "js/policies.js" in html and "js/review.js" not in html
    assert "data-msg-network" in html and "data-msg-switch" in html


def test_htmx_comment_swaps_the_box_and_the_thread_and_drops_the_draft():
    s = under_review()
    response = _post(logged_in(s.b), s.p1, htmx=True, kind="comment", stance="concern")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="composer"') and "<html" not in html
    assert 'id="reviews" aria-labelledby="reviews-heading" hx-swap-oob="true"' in html
    assert "懸念" in html and "レビューを送信しました" in html
    assert _stored_event(response) == {"scope": f"paragraph-{s.p1.pk}", "key": "new"}


def test_a_resent_post_is_stored_once():
    s = under_review()
    client = logged_in(s.a)
    token = str(uuid.uuid4())
    _post(client, s.p1, idempotency_token=token)
    review.review_period_close_now(period=s.period, by=s.secretariat)
    # The same post again (a double click, a retry after a lost answer), even past the close.
    assert _post(client, s.p1, idempotency_token=token).status_code == 302
    assert ParagraphReview.objects.count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_outside_the_period_is_refused_with_the_text_kept_and_the_paragraph_shown(htmx):
    s = under_review()
    review.review_period_close_now(period=s.period, by=s.secretariat)
    response = _post(logged_in(s.a), s.p1, htmx=htmx, suggested_text="閉じた後に打った文。")
    assert response.status_code == 403
    html = response.content.decode()
    assert "閉じた後に打った文。" in html and "第一段落。" in html and "終了" in html
    assert "data-composer-error" in html
    assert ("<html" in html) is not htmx
    if htmx:
        assert 'id="current-paragraph"' in html and 'hx-swap-oob="true"' in html
    assert not ParagraphReview.objects.exists()


def test_stale_suggestion_is_refused_with_the_text_kept_and_the_current_paragraph():
    s = under_review()
    loaded = s.p1.version
    services.paragraph_update(
        paragraph=s.p1, version=loaded, body="事務局の新しい文。", by=s.secretariat
    )
    response = _post(
        logged_in(s.a), s.p1, htmx=True, base_version=loaded, suggested_text="私の案。"
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "私の案。" in html and "事務局の新しい文。" in html
    s.p1.refresh_from_db()
    # Sending again is on purpose: the box now carries the current paragraph's version.
    assert f'name="base_version" value="{s.p1.version}"' in html
    assert not ParagraphReview.objects.exists()


def test_identical_suggestion_is_refused_with_a_clear_message():
    s = under_review()
    response = _post(logged_in(s.a), s.p1, suggested_text=s.p1.body)
    assert response.status_code == 422
    html = response.content.decode()
    assert "修文案が現在の段落と同じです" in html and "理由を書きました。" in html


def test_observers_and_visitors_see_no_review():
    s = under_review()
    url = reverse("reports:review-paragraph", args=[s.p1.pk])
    assert logged_in(factories.observer()).get(url).status_code == 404
    assert logged_in(factories.observer()).post(url, {}).status_code == 404


def test_secretariat_disposes():
    s = under_review()
    r = suggest(s, s.a, "採用される文。")
    staff = logged_in(s.secretariat)
    url = reverse("reports:review-dispose", args=[r.pk])
    response = staff.post(url, {"disposition": "declined", "reasoning": ""})
    assert response.status_code == 422 and "考え方を記入" in response.content.decode()
    assert staff.post(url, {"disposition": "adopted", "reasoning": ""}).status_code == 302
    r.refresh_from_db()
    assert r.disposition == "adopted"


def _edit(client, item, htmx=False, **data):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    values = {"stance": "support", "body": "賛成に変えます", "version": item.version, **data}
    return client.post(reverse("reports:review-edit", args=[item.pk]), values, **extra)


def test_member_edits_own_review_in_the_composer():
    s = under_review()
    r = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    page = reverse("reports:review-paragraph", args=[s.p1.pk])
    html = logged_in(s.a).get(page, {"edit": r.pk}).content.decode()
    assert f'data-draft-key="edit-{r.pk}"' in html and "レビューを修正" in html
    assert logged_in(s.b).get(page, {"edit": r.pk}).status_code == 404
    assert logged_in(s.b).post(reverse("reports:review-edit", args=[r.pk])).status_code == 404
    assert logged_in(s.a).get(reverse("reports:review-edit", args=[r.pk])).status_code == 405
    response = _edit(logged_in(s.a), r, htmx=True)
    assert response.status_code == 200
    assert _stored_event(response) == {"scope": f"paragraph-{s.p1.pk}", "key": f"edit-{r.pk}"}
    r.refresh_from_db()
    assert r.stance == "support" and r.revisions.count() == 1


def test_a_stale_edit_is_refused_with_the_text_kept():
    s = under_review()
    r = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    opened = r.version
    review.review_update(review=r, by=s.a, body="別の画面で", stance="question")
    response = _edit(logged_in(s.a), r, version=opened, body="この画面で書いた文")
    assert response.status_code == 409
    html = response.content.decode()
    assert "この画面で書いた文" in html and "別の画面で変更されました" in html
    r.refresh_from_db()
    assert r.body == "別の画面で"


def test_a_suggestion_edit_keeps_the_wording_and_refuses_the_paragraph_itself():
    s = under_review()
    r = suggest(s, s.a, "最初の案。")
    response = _edit(logged_in(s.a), r, stance="", suggested_text=s.p1.body)
    assert response.status_code == 422
    assert "修文案が現在の段落と同じです" in response.content.decode()
    assert _edit(logged_in(s.a), r, suggested_text="二つ目の案。").status_code == 302
    r.refresh_from_db()
    assert r.suggested_text == "二つ目の案。" and r.revisions.get().suggested_text == "最初の案。"


def test_paragraph_page_queries_do_not_grow(django_assert_max_num_queries):
    s = under_review()
    client = logged_in(s.a)
    url = reverse("reports:review-paragraph", args=[s.p1.pk])
    suggest(s, s.a, "一つ目の案。")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        member = factories.member()
        suggest(s, member, f"案その{i}。")
        review.review_create(
            paragraph=s.p1, author=member, kind="comment", stance="support", body="賛成"
        )
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_my_questions_lists_paragraphs_under_review_with_deadline_and_my_progress(
    django_assert_max_num_queries,
):
    s = under_review()
    review.review_create(paragraph=s.p1, author=s.a, kind="comment", stance="support", body="賛成")
    from reports.review.selectors import my_reviews

    with django_assert_max_num_queries(5):
        pending = my_reviews(s.a)
    assert [(p.label, p.reviewed) for p in pending[0].paragraphs] == [
        ("第1章 1", True),
        ("第1章 2", False),
    ]
    assert my_reviews(factories.observer()) == []
    html = logged_in(s.a).get(reverse("policies:dashboard")).content.decode()
    assert "レビュー中のとりまとめ案" in html and "2 段落のうち 1 段落をレビュー済み" in html
    assert "未レビュー" in html
