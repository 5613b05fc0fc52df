"""The question page: the question and its context, threads by newest activity, stance filter,
pagination, and a constant number of queries whatever the number of comments."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from policies.models import Comment
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    return factories.QuestionFactory(title="潜在層の掘り起こし")


def url(question, query=""):
    return reverse("policies:question-detail", args=[question.pk]) + query


def test_page_shows_question_meeting_deadline_and_time_left(member_client, question):
    html = member_client.get(url(question)).content.decode()
    assert "潜在層の掘り起こし" in html
    assert question.agenda_item.meeting.title in html
    assert question.agenda_item.title in html
    assert "受付中" in html and "残り" in html
    assert 'id="composer"' in html


def test_threads_are_ordered_by_latest_activity(member_client, question, member_user):
    now = timezone.now()
    old = CommentFactory(
        question=question, body="古いスレッド", created_at=now - dt.timedelta(hours=3)
    )
    new = CommentFactory(
        question=question, body="新しいスレッド", created_at=now - dt.timedelta(hours=2)
    )
    # A fresh reply makes the old thread the most active one.
    CommentFactory(
        question=question, parent=old, body="最新の返信", created_at=now - dt.timedelta(minutes=1)
    )
    html = member_client.get(url(question)).content.decode()
    assert html.index("古いスレッド") < html.index("最新の返信") < html.index("新しいスレッド")
    assert new.pk


@pytest.mark.parametrize("htmx", [False, True])
def test_stance_filter_keeps_matching_threads(member_client, question, htmx, htmx_headers):
    CommentFactory(question=question, body="支持の意見", stance=Comment.Stance.SUPPORT)
    parent = CommentFactory(question=question, body="提案スレッド", stance=Comment.Stance.PROPOSAL)
    CommentFactory(
        question=question, parent=parent, body="懸念の返信", stance=Comment.Stance.CONCERN
    )
    headers = {**htmx_headers, "HTTP_HX_TARGET": "comment-list"} if htmx else {}
    response = member_client.get(url(question, "?stance=concern"), **headers)
    html = response.content.decode()
    assert "提案スレッド" in html and "懸念の返信" in html
    assert "支持の意見" not in html
    if htmx:
        # Only the list comes back: never the form someone may be typing in.
        assert html.lstrip().startswith('<div id="comment-list"')
        assert 'id="composer"' not in html
    else:
        assert 'id="composer"' in html


def test_polling_container_excludes_the_form(member_client, question):
    html = member_client.get(url(question)).content.decode()
    start = html.index('<div id="comment-list"')
    assert 'hx-trigger="every 10s"' in html[start : start + 400]
    assert html.index('id="composer"') < start
    assert "<textarea" not in html[start:]


def test_poll_interval_comes_from_settings(member_client, question, settings):
    settings.COMMENT_POLL_SECONDS = 2
    html = member_client.get(url(question)).content.decode()
    assert 'hx-trigger="every 2s"' in html


def test_markdown_is_rendered_and_raw_html_is_not(member_client, question):
    CommentFactory(
        question=question, body="**重要** <script>alert(1)</script> [資料](https://example.jp)"
    )
    html = member_client.get(url(question)).content.decode()
    assert "<strong>重要</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert '<a href="https://example.jp" rel="nofollow noopener">資料</a>' in html


def test_threads_beyond_a_page_are_paginated(member_client, question):
    author = factories.member()
    for i in range(55):
        CommentFactory(question=question, author=author, body=f"スレッド{i:02d}番")
    html = member_client.get(url(question)).content.decode()
    assert "スレッド54番" in html and "スレッド05番" in html and "スレッド04番" not in html
    html = member_client.get(url(question, "?page=2")).content.decode()
    assert "スレッド04番" in html and "スレッド54番" not in html


def _seed(question, n):
    authors = [factories.member() for _ in range(5)]
    now = timezone.now()
    parents = Comment.objects.bulk_create(
        [
            Comment(
                question=question,
                author=authors[i % 5],
                body=f"意見{i}",
                stance=Comment.Stance.values[i % 4],
                created_at=now - dt.timedelta(minutes=n - i),
                idempotency_token=__import__("uuid").uuid4(),
            )
            for i in range(n // 2)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                question=question,
                author=authors[(i + 1) % 5],
                parent=parents[i % len(parents)],
                body=f"返信{i}",
                stance=Comment.Stance.values[(i + 1) % 4],
                created_at=now - dt.timedelta(seconds=n - i),
                edited_at=now if i % 7 == 0 else None,
                idempotency_token=__import__("uuid").uuid4(),
            )
            for i in range(n - n // 2)
        ]
    )


@pytest.mark.parametrize("size", [10, 1000])
@pytest.mark.parametrize("htmx", [False, True])
def test_query_count_is_constant(
    member_client, question, size, htmx, htmx_headers, django_assert_max_num_queries
):
    _seed(question, size)
    headers = htmx_headers if htmx else {}
    with django_assert_max_num_queries(10):
        response = member_client.get(url(question), **headers)
    assert response.status_code == 200
    assert Comment.objects.filter(question=question).count() == size


def test_demo_comments_are_seeded_once(settings):
    from django.core.management import call_command

    settings.DEBUG = True  # demo accounts exist only in development
    call_command("seed_demo", verbosity=0)
    count = Comment.objects.count()
    assert count == 3
    assert Comment.objects.filter(parent__isnull=False).count() == 1
    call_command("seed_demo", verbosity=0)
    assert Comment.objects.count() == count


def test_outsiders_do_not_poll_unpublished_comments(client, question):
    html = client.get(url(question)).content.decode()
    assert 'id="comment-list"' in html and "hx-trigger" not in html
    question.comments_published = True
    question.save()
    assert 'hx-trigger="every 10s"' in client.get(url(question)).content.decode()


def test_question_list_shows_published_questions_with_deadlines(
    client, member_client, secretariat_client, question, django_assert_max_num_queries
):
    factories.QuestionFactory(title="下書きの論点", is_published=False)
    CommentFactory(question=question)
    list_url = reverse("policies:question-list")
    html = client.get(list_url).content.decode()
    assert "潜在層の掘り起こし" in html and "下書きの論点" not in html
    closes = timezone.localtime(question.perspective.comment_closes_at)
    assert f'datetime="{closes.isoformat()}"' in html  # the deadline
    assert "意見1件" not in html
    with django_assert_max_num_queries(8):
        html = member_client.get(list_url).content.decode()
    assert "意見1件" in html and "下書きの論点" not in html
    assert "下書きの論点" in secretariat_client.get(list_url).content.decode()


def test_question_list_counts_follow_the_read_rule(
    client, observer_client, member_client, question
):
    """Comment counts go to whoever may read the comments, not to whoever may write them."""
    CommentFactory(question=question)
    CommentFactory(question=question, deleted_at=timezone.now())
    list_url = reverse("policies:question-list")
    for c in (client, observer_client):
        assert "意見1件" not in c.get(list_url).content.decode()
    assert "意見1件" in member_client.get(list_url).content.decode()
    question.comments_published = True
    question.save()
    for c in (client, observer_client):
        assert "意見1件" in c.get(list_url).content.decode()  # published: anyone may read them
