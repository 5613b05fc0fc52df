"""The "my questions" dashboard: open questions by deadline, unanswered ones, new replies."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from policies.models import DashboardVisit
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

URL = reverse("policies:dashboard")


def test_open_questions_by_deadline_with_answered_and_unanswered(member_client, member_user):
    now = timezone.now()
    soon = factories.QuestionFactory(title="締切が近い論点", closes_at=now + dt.timedelta(days=1))
    later = factories.QuestionFactory(title="締切が遠い論点", closes_at=now + dt.timedelta(days=5))
    factories.QuestionFactory(
        title="締切済みの論点",
        opens_at=now - dt.timedelta(days=5),
        closes_at=now - dt.timedelta(days=1),
    )
    factories.QuestionFactory(title="非公開の論点", is_published=False)
    CommentFactory(question=later, author=member_user)
    response = member_client.get(URL)
    html = response.content.decode()
    assert html.index("締切が近い論点") < html.index("締切が遠い論点")
    assert "締切済みの論点" not in html and "非公開の論点" not in html
    board = response.context["board"]
    assert [q.pk for q in board.unanswered] == [soon.pk]
    assert {q.pk: q.answered for q in board.open_questions} == {soon.pk: False, later.pk: True}


def test_replies_since_the_last_visit(member_client, member_user, other_member_user):
    question = factories.QuestionFactory()
    mine = CommentFactory(question=question, author=member_user)
    CommentFactory(
        question=question,
        parent=mine,
        author=other_member_user,
        body="古い返信",
        created_at=timezone.now() - dt.timedelta(hours=1),
    )
    html = member_client.get(URL).content.decode()
    assert "古い返信" in html  # first visit: everything so far
    DashboardVisit.objects.filter(user=member_user).update(
        seen_at=timezone.now() - dt.timedelta(minutes=1)
    )
    CommentFactory(question=question, parent=mine, author=other_member_user, body="最新の返信内容")
    CommentFactory(question=question, parent=mine, author=member_user, body="自分の返信")
    html = member_client.get(URL).content.decode()
    assert "最新の返信内容" in html
    assert "古い返信" not in html and "自分の返信" not in html
    html = member_client.get(URL).content.decode()
    assert "最新の返信内容" not in html


def test_login_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_constant_queries(member_client, member_user, django_assert_max_num_queries):
    for _ in range(5):
        q = factories.QuestionFactory()
        CommentFactory(question=q, parent=CommentFactory(question=q, author=member_user))
    with django_assert_max_num_queries(12):
        member_client.get(URL)
