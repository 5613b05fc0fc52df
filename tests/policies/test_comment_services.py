"""The comment services enforce the rules themselves, whatever view calls them."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import Refusal
from policies import services
from policies.models import Comment, CommentRevision
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return factories.QuestionFactory()


def test_period_defaults_from_the_perspective_and_the_question_overrides_it(question):
    now = timezone.now()
    assert question.is_open()
    question.closes_at = now - dt.timedelta(minutes=1)
    question.opens_at = now - dt.timedelta(days=1)
    question.save()
    with pytest.raises(Refusal):
        services.comment_create(
            question=question, author=factories.member(), body="x", stance="support"
        )


def test_observers_are_refused(question):
    with pytest.raises(Refusal):
        services.comment_create(
            question=question, author=factories.observer(), body="x", stance="support"
        )


@pytest.mark.parametrize("body", ["", "   ", "あ" * 4001])
def test_body_is_required_and_at_most_4000_characters(question, body):
    with pytest.raises(ValidationError):
        services.comment_create(
            question=question, author=factories.member(), body=body, stance="support"
        )


def test_unknown_stance_is_refused(question):
    with pytest.raises(ValidationError):
        services.comment_create(
            question=question, author=factories.member(), body="x", stance="maybe"
        )


def test_same_token_returns_the_first_comment(question):
    author, token = factories.member(), uuid.uuid4()
    a = services.comment_create(
        question=question, author=author, body="一回目", stance="support", idempotency_token=token
    )
    b = services.comment_create(
        question=question, author=author, body="二回目", stance="support", idempotency_token=token
    )
    assert a.pk == b.pk and Comment.objects.count() == 1


def test_the_same_token_from_two_authors_is_two_comments(question):
    token = uuid.uuid4()
    for _ in range(2):
        services.comment_create(
            question=question,
            author=factories.member(),
            body="x",
            stance="support",
            idempotency_token=token,
        )
    assert Comment.objects.count() == 2


def test_replies_to_deleted_or_hidden_comments_are_refused(question):
    member = factories.member()
    deleted = CommentFactory(question=question, author=member)
    services.comment_delete(comment=deleted, by=member)
    hidden = CommentFactory(question=question)
    services.comment_hide(comment=hidden, by=factories.secretariat(), reason="重複")
    for parent in (deleted, hidden):
        with pytest.raises(Refusal):
            services.comment_create(
                question=question, author=member, body="x", stance="support", parent=parent
            )


def test_each_edit_keeps_the_previous_version(question):
    member = factories.member()
    comment = CommentFactory(question=question, author=member, body="版1", stance="support")
    services.comment_update(comment=comment, by=member, body="版2", stance="concern")
    services.comment_update(comment=comment, by=member, body="版3", stance="concern")
    # Saving unchanged text makes no revision.
    services.comment_update(comment=comment, by=member, body="版3", stance="concern")
    revisions = list(CommentRevision.objects.order_by("written_at"))
    assert [(r.body, r.stance) for r in revisions] == [("版1", "support"), ("版2", "concern")]
    comment.refresh_from_db()
    assert comment.body == "版3" and comment.edited_at is not None


def test_hidden_comments_cannot_be_edited_by_their_author(question):
    member = factories.member()
    comment = CommentFactory(question=question, author=member)
    services.comment_hide(comment=comment, by=factories.secretariat(), reason="確認中")
    with pytest.raises(Refusal):
        services.comment_update(comment=comment, by=member, body="y", stance="support")


def test_members_cannot_hide(question):
    with pytest.raises(Refusal):
        services.comment_hide(
            comment=CommentFactory(question=question), by=factories.member(), reason="x"
        )


def test_hidden_comments_stay_in_the_database(question):
    comment = CommentFactory(question=question, body="残る本文")
    services.comment_hide(comment=comment, by=factories.secretariat(), reason="理由")
    assert Comment.objects.get(pk=comment.pk).body == "残る本文"


def test_a_reply_moves_its_thread_to_the_top(question):
    from policies.selectors import comment_threads_page

    member = factories.member()
    first = services.comment_create(question=question, author=member, body="一", stance="support")
    second = services.comment_create(question=question, author=member, body="二", stance="support")
    assert [t.pk for t in comment_threads_page(member, question).threads] == [second.pk, first.pk]
    services.comment_create(
        question=question, author=member, body="返信", stance="support", parent=first
    )
    assert [t.pk for t in comment_threads_page(member, question).threads] == [first.pk, second.pk]


def test_the_sanitised_rendering_is_stored_when_written_and_edited(question):
    member = factories.member()
    comment = services.comment_create(
        question=question, author=member, body="**太字** <b>生</b>", stance="support"
    )
    assert comment.body_html == "<p><strong>太字</strong> &lt;b&gt;生&lt;/b&gt;</p>\n"
    services.comment_update(comment=comment, by=member, body="*斜体*", stance="support")
    comment.refresh_from_db()
    assert comment.body_html == "<p><em>斜体</em></p>\n"
