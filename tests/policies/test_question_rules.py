"""One definition each: a question's code and label, and its effective comment period (the
model, the queryset annotation and the services agree)."""

import datetime as dt

import pytest
from django.utils import timezone

from policies.models import CommentPeriod, Question, circled_number
from tests import factories

pytestmark = pytest.mark.django_db


def test_code_and_label_come_from_the_model():
    question = factories.QuestionFactory(
        perspective=factories.PerspectiveFactory(position=2), position=3, title="組織の送り出し"
    )
    assert question.code == "②-3"
    assert question.label == str(question) == "②-3 組織の送り出し"
    assert [circled_number(n) for n in (1, 9, 10)] == ["①", "⑨", "10"]


@pytest.mark.parametrize("own", [False, True])
def test_the_effective_period_is_the_same_everywhere(own):
    now = timezone.now()
    perspective = factories.PerspectiveFactory(
        comment_opens_at=now - dt.timedelta(days=1), comment_closes_at=now + dt.timedelta(days=1)
    )
    dates = {"opens_at": now - dt.timedelta(days=5), "closes_at": now - dt.timedelta(days=4)}
    question = factories.QuestionFactory(perspective=perspective, **(dates if own else {}))
    question = Question.objects.select_related("perspective").get(pk=question.pk)
    annotated = Question.objects.with_period().get(pk=question.pk)
    expected = (
        (dates["opens_at"], dates["closes_at"])
        if own
        else (
            perspective.comment_opens_at,
            perspective.comment_closes_at,
        )
    )
    assert tuple(question.period) == tuple(annotated.period) == expected
    assert (annotated.period_opens, annotated.period_closes) == expected
    state = CommentPeriod.CLOSED if own else CommentPeriod.OPEN
    assert question.period.state(now) == state
    assert Question.objects.with_period().open_at(now).filter(pk=question.pk).exists() == (not own)


def test_period_states():
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    assert CommentPeriod(None, now).state(now) == CommentPeriod.NOT_SET
    assert CommentPeriod(now + hour, now + 2 * hour).state(now) == CommentPeriod.UPCOMING
    assert CommentPeriod(now - hour, now + hour).state(now) == CommentPeriod.OPEN
    assert CommentPeriod(now - hour, now).state(now) == CommentPeriod.CLOSED  # end excluded
