"""Builders for review tests: a shared edition with an open review period."""

import datetime as dt

from django.utils import timezone

from reports.models import Edition
from reports.review import services as review
from tests.reports.factories import drafted


def under_review(*, days_left: float = 7, **kwargs):
    """drafted() shared, with a review period opened an hour ago closing in `days_left` days."""
    s = drafted(status=Edition.Status.SHARED, **kwargs)
    now = timezone.now()
    s.period = review.review_period_set(
        edition=s.edition,
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=days_left),
        by=s.secretariat,
    )
    return s


def suggest(s, author, text, *, paragraph=None, reason="読みやすくするため。", **kwargs):
    paragraph = paragraph or s.p1
    return review.review_create(
        paragraph=paragraph,
        author=author,
        kind="suggestion",
        body=reason,
        suggested_text=text,
        base_version=paragraph.version,
        **kwargs,
    )
