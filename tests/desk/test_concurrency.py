"""Two secretaries at once, real threads against PostgreSQL: moves queue up behind the
perspective's lock (positions stay distinct), a close racing a post is decided in one order,
and two desks opening the same period mail each member once."""

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import Refusal
from policies import services as comment_services
from policies.desk import services
from policies.models import Comment, Question
from tests import factories
from tests.desk.smtp import smtp_server
from tests.policies.test_comment_concurrency import _run_threads

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_moves_keep_positions_distinct():
    perspective = factories.PerspectiveFactory(position=2)
    questions = [
        factories.QuestionFactory(perspective=perspective, position=n) for n in range(1, 7)
    ]
    jimu = factories.secretariat(username="jimu")

    def move(i):
        for _ in range(5):
            services.question_move(
                question=questions[i], direction="up" if i % 2 else "down", by=jimu
            )

    assert _run_threads(move, 6) == []
    positions = list(
        Question.objects.filter(perspective=perspective).values_list("position", flat=True)
    )
    assert sorted(positions) == [1, 2, 3, 4, 5, 6]


def test_a_close_racing_posts_refuses_every_post_committed_after_it():
    now = timezone.now()
    question = factories.QuestionFactory(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    jimu = factories.secretariat(username="jimu")
    posters = [factories.member(username=f"iin{i}") for i in range(4)]
    closed_at = []

    def act(i):
        if i == 4:
            row = services.period_close(obj=question, version=question.version, by=jimu)
            closed_at.append(row.closes_at)
            return
        with contextlib.suppress(Refusal):
            comment_services.comment_create(
                question=question, author=posters[i], body=f"意見{i}", stance="support"
            )

    assert _run_threads(act, 5) == []
    assert all(c.created_at < closed_at[0] for c in Comment.objects.filter(question=question))


def test_two_desks_opening_at_once_mail_each_member_once(settings):
    question = factories.QuestionFactory(
        opens_at=None,
        closes_at=None,
        perspective=factories.PerspectiveFactory(comment_opens_at=None, comment_closes_at=None),
    )
    for i in range(3):
        factories.member(username=f"iin{i}")
    desks = [factories.secretariat(username=f"jimu{i}") for i in range(2)]
    closes = timezone.now() + dt.timedelta(days=7)
    refused = []

    def open_now(i):
        try:
            services.period_open(
                obj=question, version=question.version, closes_at=closes, by=desks[i]
            )
        except (services.StaleEdit, ValidationError):
            refused.append(i)

    with smtp_server(settings) as inbox:
        assert _run_threads(open_now, 2) == []
    assert len(refused) == 1  # the second saw a stale version (or an open period)
    assert inbox.to() == [f"iin{i}@example.go.jp" for i in range(3)]
