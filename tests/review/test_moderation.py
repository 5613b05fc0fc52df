"""A paragraph's reviews on the one moderation page, next to the question comments: listed,
hidden with a reason and shown again through /moderation/review/<pk>/, audited as comment
moderation, the thread showing the placeholder, constant queries."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.moderation import moderation_kinds
from policies import services as policy_services
from reports.review import services as review
from tests import factories
from tests.policies.factories import CommentFactory
from tests.reports.factories import logged_in
from tests.review.helpers import under_review

pytestmark = pytest.mark.django_db


def _comment(s, author=None, body="個人名を含む懸念"):
    return review.review_create(
        paragraph=s.p1, author=author or s.a, kind="comment", stance="concern", body=body
    )


def _moderate(client, item, htmx=False, **data):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("moderation:moderate-kind", args=["review", item.pk]), data, **extra)


def test_every_kind_is_registered_and_listed():
    assert [k.key for k in moderation_kinds()] == ["comment", "review"]
    s = under_review()
    item = _comment(s)
    question_comment = CommentFactory(body="論点への意見です")
    html = logged_in(s.secretariat).get(reverse("moderation:list")).content.decode()
    assert 'id="moderation-table-comment"' in html and 'id="moderation-table-review"' in html
    assert f'id="mod-row-review-{item.pk}"' in html and "個人名を含む懸念" in html
    assert f'id="mod-row-{question_comment.pk}"' in html and "論点への意見です" in html
    paragraph_url = reverse("reports:review-paragraph", args=[s.p1.pk])
    assert f"{paragraph_url}#review-{item.pk}" in html


def test_hide_and_show_again_from_the_moderation_page_are_audited():
    s = under_review()
    item = _comment(s)
    staff = logged_in(s.secretariat)
    response = _moderate(staff, item, action="hide", reason="個人名のため")
    assert response.status_code == 302 and response["Location"] == reverse("moderation:list")
    item.refresh_from_db()
    assert item.is_hidden and item.hidden_reason == "個人名のため"
    thread = logged_in(s.b).get(reverse("reports:review-paragraph", args=[s.p1.pk]))
    assert "個人名を含む懸念" not in thread.content.decode()
    html = staff.get(reverse("moderation:list") + "?hidden=1").content.decode()
    assert f'id="mod-row-review-{item.pk}"' in html and "個人名のため" in html
    _moderate(staff, item, action="unhide")
    item.refresh_from_db()
    assert not item.is_hidden
    audited = AuditEntry.objects.filter(action="moderate", object_pk=str(item.pk))
    assert [e.after["hidden"] for e in audited.order_by("id")] == [True, False]
    # The record at the foot names both actions, with the review's place.
    page = staff.get(reverse("moderation:list")).content.decode()
    assert page.count(f"¶{s.p1.number} #{item.pk}") == 2


def test_hide_from_the_thread_goes_back_to_the_thread():
    s = under_review()
    item = _comment(s)
    back = reverse("reports:review-paragraph", args=[s.p1.pk]) + f"#review-{item.pk}"
    page = logged_in(s.secretariat).get(back).content.decode()
    assert reverse("moderation:moderate-kind", args=["review", item.pk]) in page
    response = _moderate(logged_in(s.secretariat), item, action="hide", reason="重複", next=back)
    assert response.status_code == 302 and response["Location"] == back


def test_a_missing_reason_is_shown_next_to_the_field_and_htmx_gets_the_row():
    s = under_review()
    item = _comment(s)
    staff = logged_in(s.secretariat)
    response = _moderate(staff, item, htmx=True, action="hide", reason="")
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="mod-row-review-{item.pk}"')
    assert f'id="reason-review-{item.pk}-error"' in html
    response = _moderate(staff, item, htmx=True, action="hide", reason="重複")
    assert response.status_code == 200 and 'value="unhide"' in response.content.decode()
    assert _moderate(staff, item, action="hide", reason="").status_code == 400


def test_only_the_secretariat_moderates_reviews():
    s = under_review()
    item = _comment(s)
    for user in (s.a, s.b, factories.observer()):
        assert _moderate(logged_in(user), item, action="hide", reason="x").status_code == 403
    item.refresh_from_db()
    assert not item.is_hidden


def test_the_moderation_page_queries_do_not_grow_with_reviews(django_assert_max_num_queries):
    s = under_review()
    staff = logged_in(s.secretariat)
    review.review_hide(review=_comment(s), by=s.secretariat, reason="r")
    policy_services.comment_hide(comment=CommentFactory(), by=s.secretariat, reason="r")
    url = reverse("moderation:list")
    staff.get(url)
    with django_assert_max_num_queries(40) as ctx:
        staff.get(url)
    before = len(ctx.captured_queries)
    for _ in range(5):
        member = factories.member()
        review.review_hide(review=_comment(s, member), by=s.secretariat, reason="r")
        policy_services.comment_hide(comment=CommentFactory(), by=s.secretariat, reason="r")
    with django_assert_max_num_queries(before):
        staff.get(url)
