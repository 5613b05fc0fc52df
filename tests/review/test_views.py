"""Review screens: the composer with and without HTMX, refusals keeping the typed text and
showing the current paragraph, dispositions, and constant queries."""

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


def test_member_suggests_without_javascript_and_sees_the_tracked_change():
    s = under_review()
    client = logged_in(s.a)
    response = _post(client, s.p1)
    assert response.status_code == 302 and "sent=1" in response["Location"]
    html = client.get(response["Location"]).content.decode()
    assert "data-review-sent" in html
    assert "<ins>を書き換えた案</ins>" in html
    page = client.get(reverse("reports:review-edition", args=[s.edition.pk])).content.decode()
    assert "修文案" in page and "レビュー済み" in page


def test_htmx_comment_swaps_the_thread():
    s = under_review()
    response = _post(logged_in(s.b), s.p1, htmx=True, kind="comment", stance="concern")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="review-thread"' in html and "<html" not in html and "懸念" in html


def test_outside_the_period_is_refused_with_the_text_kept_and_the_paragraph_shown():
    s = under_review()
    review.review_period_close_now(period=s.period, by=s.secretariat)
    response = _post(logged_in(s.a), s.p1, suggested_text="閉じた後に打った文。")
    assert response.status_code == 403
    html = response.content.decode()
    assert "閉じた後に打った文。" in html and "第一段落。" in html and "終了" in html
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
    assert not ParagraphReview.objects.exists()


def test_identical_suggestion_is_refused_with_a_clear_message():
    s = under_review()
    response = _post(logged_in(s.a), s.p1, suggested_text=s.p1.body)
    assert response.status_code == 422
    assert "修文案が現在の段落と同じです" in response.content.decode()


def test_observers_and_visitors_see_no_review():
    s = under_review()
    url = reverse("reports:review-paragraph", args=[s.p1.pk])
    assert logged_in(factories.observer()).get(url).status_code == 404
    assert logged_in(factories.observer()).post(url, {}).status_code == 404


def test_secretariat_disposes_and_hides():
    s = under_review()
    r = suggest(s, s.a, "採用される文。")
    staff = logged_in(s.secretariat)
    url = reverse("reports:review-dispose", args=[r.pk])
    assert staff.post(url, {"disposition": "declined", "reasoning": ""}).status_code == 422
    assert staff.post(url, {"disposition": "adopted", "reasoning": ""}).status_code == 302
    r.refresh_from_db()
    assert r.disposition == "adopted"
    hide = reverse("reports:review-hide", args=[r.pk])
    assert staff.post(hide, {"reason": "不適切"}).status_code == 302
    page = logged_in(s.b).get(reverse("reports:review-paragraph", args=[s.p1.pk])).content.decode()
    assert "採用される文" not in page and "非表示" in page


def test_member_edits_own_review_only():
    s = under_review()
    r = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    url = reverse("reports:review-edit", args=[r.pk])
    assert logged_in(s.b).get(url).status_code == 404
    response = logged_in(s.a).post(url, {"stance": "support", "body": "賛成に変えます"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.stance == "support" and r.revisions.count() == 1


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
