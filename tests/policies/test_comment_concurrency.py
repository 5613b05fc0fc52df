"""Many members posting at once: every comment lands exactly once, and the same token twice
(two tabs, a double click) still gives one comment. Real threads against PostgreSQL."""

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from core.errors import Refusal
from policies import services
from policies.models import Comment
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _run_threads(target, count):
    errors = []
    barrier = threading.Barrier(count)

    def runner(i):
        try:
            barrier.wait()
            target(i)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_fifty_posters_of_twenty_comments_give_exactly_one_thousand():
    question = factories.QuestionFactory()
    posters = [factories.member(username=f"poster{i}") for i in range(50)]

    def post_twenty(i):
        for n in range(20):
            services.comment_create(
                question=question,
                author=posters[i],
                body=f"委員{i}の意見{n}",
                stance="support",
                idempotency_token=uuid.uuid4(),
            )

    errors = _run_threads(post_twenty, 50)
    assert errors == []
    assert Comment.objects.filter(question=question).count() == 1000
    assert Comment.objects.values("author").distinct().count() == 50


def test_the_same_token_sent_concurrently_creates_one_comment():
    question = factories.QuestionFactory()
    author = factories.member()
    token = uuid.uuid4()
    results = []

    def post(_):
        results.append(
            services.comment_create(
                question=question,
                author=author,
                body="二重送信",
                stance="concern",
                idempotency_token=token,
            ).pk
        )

    errors = _run_threads(post, 8)
    assert errors == []
    assert Comment.objects.count() == 1
    assert len(set(results)) == 1


def test_a_post_committing_after_the_deadline_moved_is_refused():
    """The secretariat closes the period while a post waits on the question's lock: the post
    re-reads the period after the lock and is refused."""
    question = factories.QuestionFactory()
    author = factories.member()
    locked = threading.Event()
    release = threading.Event()

    def close_period():
        from django.db import transaction

        from policies.models import Question

        with transaction.atomic():
            q = Question.objects.select_for_update().get(pk=question.pk)
            locked.set()
            release.wait(5)
            q.opens_at = timezone.now() - dt.timedelta(days=2)
            q.closes_at = timezone.now() - dt.timedelta(seconds=1)
            q.save()
        connection.close()

    outcome = []

    def post():
        locked.wait(5)
        try:
            services.comment_create(
                question=question, author=author, body="締切間際", stance="support"
            )
            outcome.append("created")
        except Refusal:
            outcome.append("refused")
        finally:
            connection.close()

    closer = threading.Thread(target=close_period)
    poster = threading.Thread(target=post)
    closer.start()
    poster.start()
    locked.wait(5)
    # Let the poster reach the lock, then let the secretariat commit.
    threading.Event().wait(0.3)
    release.set()
    closer.join()
    poster.join()
    assert outcome == ["refused"]
    assert not Comment.objects.exists()
