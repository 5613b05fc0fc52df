"""Authorisation matrix of the review URLs. The review is 委員限り: members and the
secretariat on a shared edition; observers and visitors never (404 / login), not even on a
published edition. Period and disposition writes are the secretariat's (403 for signed-in
others); editing or withdrawing a review is its author's (404 for anyone else)."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import ParagraphReview, ReviewPeriod
from reports.review import services as review
from tests.security.matrix import LOGIN, OK, Row, cases, expect, run_case, staff_only
from tests.security.test_matrix_reports import _add_reports
from tests.security.world import MISSING

pytestmark = pytest.mark.django_db

MEMBERS = expect(LOGIN, 404, 200, 200, 200, 200)
NOBODY_OUTSIDE = expect(LOGIN, 404, 404, 404, 404, 404)
WRITE = staff_only(OK)
AUTHOR = expect(LOGIN, 404, OK, 404, 404, 404)


def _add_review(w) -> None:
    _add_reports(w)
    now = timezone.now()
    w.period = review.review_period_set(
        edition=w.shared,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=30),
        by=w.secretariat,
    )
    p = w.shared_paragraph
    w.suggestion = review.review_create(
        paragraph=p,
        author=w.member,
        kind="suggestion",
        body="理由",
        suggested_text="委員の修文案",
        base_version=p.version,
    )
    w.review_comment = review.review_create(
        paragraph=p, author=w.member, kind="comment", stance="concern", body="懸念"
    )


@pytest.fixture(scope="module")
def vworld(world, django_db_blocker):
    with django_db_blocker.unblock():
        _add_review(world)
    return world


def _reviews(w):
    return sorted(
        ParagraphReview.objects.values_list(
            "pk", "body", "stance", "deleted_at", "is_hidden", "disposition"
        )
    )


def _periods(w):
    return sorted(ReviewPeriod.objects.values_list("pk", "closes_at"))


def _edition(scope):
    return lambda w: MISSING if scope == "missing" else getattr(w, scope).pk


def _paragraph(scope):
    return lambda w: MISSING if scope == "missing" else getattr(w, f"{scope}_paragraph").pk


ROWS = []
for scope in ("shared", "draft", "published", "missing"):
    read = MEMBERS if scope == "shared" else NOBODY_OUTSIDE
    if scope == "draft":
        read = expect(LOGIN, 404, 404, 404, 200, 200)
    if scope == "published":
        read = expect(LOGIN, 404, 200, 200, 200, 200)
    e, p = _edition(scope), _paragraph(scope)
    ROWS += [
        Row(
            "reports:review-edition",
            scope,
            lambda w, e=e: f"/reports/editions/{e(w)}/review/",
            read,
        ),
        Row(
            "reports:review-paragraph",
            scope,
            lambda w, p=p: f"/reports/paragraphs/{p(w)}/review/",
            read,
        ),
    ]

# Writes on the shared edition under review, and refusals elsewhere.
ROWS += [
    Row(
        "reports:review-period",
        "shared",
        lambda w: f"/reports/editions/{w.shared.pk}/review/period/",
        WRITE,
        method="POST",
        data={"opens_at": "2026-01-01T09:00", "closes_at": "2099-01-01T09:00"},
        state=_periods,
        changes=True,
    ),
    Row(
        "reports:review-period",
        "draft",
        lambda w: f"/reports/editions/{w.draft.pk}/review/period/",
        WRITE,
        method="POST",
        data={"opens_at": "2026-01-01T09:00", "closes_at": "2099-01-01T09:00"},
        state=_periods,
        keeps=True,
    ),
    Row(
        "reports:review-period",
        "missing",
        lambda w: f"/reports/editions/{MISSING}/review/period/",
        staff_only(404),
        method="POST",
        state=_periods,
    ),
    Row(
        "reports:review-period",
        "GET",
        lambda w: f"/reports/editions/{w.shared.pk}/review/period/",
        expect(LOGIN, 403, 403, 403, 405, 405),
    ),
    Row(
        "reports:review-close",
        "shared",
        lambda w: f"/reports/editions/{w.shared.pk}/review/close/",
        staff_only(302),
        method="POST",
        state=_periods,
        changes=True,
    ),
    Row(
        "reports:review-close",
        "missing",
        lambda w: f"/reports/editions/{MISSING}/review/close/",
        staff_only(404),
        method="POST",
        state=_periods,
    ),
    Row(
        "reports:review-paragraph",
        "shared",
        lambda w: f"/reports/paragraphs/{w.shared_paragraph.pk}/review/",
        expect(LOGIN, 404, OK, OK, OK, OK),
        method="POST",
        data={"kind": "comment", "stance": "support", "body": "賛成です"},
        state=lambda w: ParagraphReview.objects.count(),
        changes=True,
    ),
    Row(
        "reports:review-paragraph",
        "published (not under review)",
        lambda w: f"/reports/paragraphs/{w.published_paragraph.pk}/review/",
        expect(LOGIN, 404, 403, 403, 403, 403),
        method="POST",
        data={"kind": "comment", "stance": "support", "body": "賛成です"},
        state=lambda w: ParagraphReview.objects.count(),
    ),
    Row(
        "reports:review-paragraph",
        "draft",
        lambda w: f"/reports/paragraphs/{w.draft_paragraph.pk}/review/",
        expect(LOGIN, 404, 404, 404, 403, 403),
        method="POST",
        data={"kind": "comment", "stance": "support", "body": "賛成です"},
        state=lambda w: ParagraphReview.objects.count(),
    ),
    Row(
        "reports:review-edit",
        "GET (the edit opens in the paragraph's composer)",
        lambda w: f"/reports/reviews/{w.review_comment.pk}/edit/",
        expect(LOGIN, 405, 405, 405, 405, 405),
    ),
    Row(
        "reports:review-paragraph",
        "?edit= own comment",
        lambda w: f"/reports/paragraphs/{w.shared_paragraph.pk}/review/?edit={w.review_comment.pk}",
        AUTHOR,
    ),
    Row(
        "reports:review-edit",
        "own comment",
        lambda w: f"/reports/reviews/{w.review_comment.pk}/edit/",
        AUTHOR,
        method="POST",
        data={"stance": "support", "body": "賛成に変えます"},
        state=_reviews,
        changes=True,
    ),
    Row(
        "reports:review-edit",
        "missing",
        lambda w: f"/reports/reviews/{MISSING}/edit/",
        NOBODY_OUTSIDE,
        method="POST",
        data={"stance": "support", "body": "賛成"},
        state=_reviews,
    ),
    Row(
        "reports:review-delete",
        "own comment",
        lambda w: f"/reports/reviews/{w.review_comment.pk}/delete/",
        AUTHOR,
        method="POST",
        state=_reviews,
        changes=True,
    ),
    Row(
        "reports:review-delete",
        "GET",
        lambda w: f"/reports/reviews/{w.review_comment.pk}/delete/",
        expect(LOGIN, 405, 405, 405, 405, 405),
    ),
    # Hiding a review is the moderation page's (the one path for every moderatable kind).
    Row(
        "moderation:moderate-kind",
        "review",
        lambda w: f"/moderation/review/{w.review_comment.pk}/",
        WRITE,
        method="POST",
        data={"action": "hide", "reason": "不適切"},
        state=_reviews,
        changes=True,
    ),
    Row(
        "moderation:moderate-kind",
        "missing review",
        lambda w: f"/moderation/review/{MISSING}/",
        staff_only(404),
        method="POST",
        data={"action": "hide", "reason": "不適切"},
        state=_reviews,
    ),
    Row(
        "moderation:moderate-kind",
        "unknown kind",
        lambda w: f"/moderation/nothing/{w.review_comment.pk}/",
        staff_only(404),
        method="POST",
        data={"action": "hide", "reason": "不適切"},
        state=_reviews,
    ),
    Row(
        "reports:review-dispose",
        "suggestion",
        lambda w: f"/reports/reviews/{w.suggestion.pk}/dispose/",
        WRITE,
        method="POST",
        data={"disposition": "declined", "reasoning": "考え方"},
        state=_reviews,
        changes=True,
    ),
    Row(
        "reports:review-dispose",
        "comment (not a suggestion)",
        lambda w: f"/reports/reviews/{w.review_comment.pk}/dispose/",
        WRITE,
        method="POST",
        data={"disposition": "adopted"},
        state=_reviews,
        keeps=True,
    ),
]


# Where the committee stands: members (their own row), the chair and the secretariat.
ROWS += [
    Row("reports:stance-summary", "all", lambda w: "/reports/stances/", MEMBERS),
    Row("reports:stance-xlsx", "all", lambda w: "/reports/stances/stances.xlsx", MEMBERS),
    Row(
        "reports:stance-grid",
        "question",
        lambda w: f"/reports/stances/questions/{w.question.pk}/",
        MEMBERS,
    ),
    Row(
        "reports:stance-grid",
        "missing",
        lambda w: f"/reports/stances/questions/{MISSING}/",
        NOBODY_OUTSIDE,
    ),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_review_matrix(vworld, row, role):
    problems = run_case(vworld, row, role)
    assert not problems, "\n".join(problems)
