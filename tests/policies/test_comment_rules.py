"""Server-side rules for comments, each checked on the full page and on the HTMX request:
who may post, edit and delete, inside the period only, replies too; who may read."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from policies.models import Comment, CommentRevision
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

MODES = pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])


@pytest.fixture
def question(db):
    return factories.QuestionFactory()


@pytest.fixture
def closed_question(db):
    now = timezone.now()
    return factories.QuestionFactory(
        opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(minutes=1)
    )


@pytest.fixture
def future_question(db):
    now = timezone.now()
    return factories.QuestionFactory(
        opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=3)
    )


def _headers(htmx, target="composer"):
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target} if htmx else {}


def post_comment(client, question, htmx, **data):
    payload = {"body": "短期の派遣から始めるべきです。", "stance": "proposal"}
    payload.update(data)
    payload.setdefault("idempotency_token", str(uuid.uuid4()))
    return client.post(
        reverse("policies:comment-create", args=[question.pk]), payload, **_headers(htmx)
    )


# --- Posting ------------------------------------------------------------------------------


@MODES
@pytest.mark.parametrize("who", ["member_client", "secretariat_client", "admin_client_role"])
def test_members_and_staff_post_inside_the_period(request, who, question, htmx):
    client = request.getfixturevalue(who)
    response = post_comment(client, question, htmx)
    comment = Comment.objects.get()
    assert comment.question == question and comment.stance == "proposal"
    if htmx:
        assert response.status_code == 200
        html = response.content.decode()
        assert html.lstrip().startswith('<div id="composer"')
        assert 'hx-swap-oob="true"' in html and "短期の派遣から始めるべきです。" in html
    else:
        assert response.status_code == 302
        assert response["Location"].endswith(f"#comment-{comment.pk}")


@MODES
def test_observers_never_post(observer_client, question, htmx):
    response = post_comment(observer_client, question, htmx)
    assert response.status_code == 403
    assert not Comment.objects.exists()


@MODES
def test_anonymous_visitors_are_sent_to_log_in(client, question, htmx):
    response = post_comment(client, question, htmx)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


@MODES
@pytest.mark.parametrize("which", ["closed_question", "future_question"])
def test_posting_outside_the_period_is_refused(request, member_client, which, htmx):
    question = request.getfixturevalue(which)
    response = post_comment(member_client, question, htmx)
    assert response.status_code == 403
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "締め切られました" in html or "まだ始まっていません" in html


@MODES
def test_replies_after_the_deadline_are_refused(member_client, question, htmx):
    parent = CommentFactory(question=question)
    question.closes_at = timezone.now() - dt.timedelta(seconds=1)
    question.opens_at = timezone.now() - dt.timedelta(days=2)
    question.save()
    response = post_comment(member_client, question, htmx, parent=parent.pk, stance="support")
    assert response.status_code == 403
    assert Comment.objects.count() == 1


@MODES
def test_members_post_replies(member_client, question, htmx):
    parent = CommentFactory(question=question)
    post_comment(member_client, question, htmx, parent=parent.pk, stance="question")
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert reply.parent == parent


@MODES
def test_a_reply_to_a_reply_joins_the_top_level_thread(member_client, question, htmx):
    parent = CommentFactory(question=question)
    reply = CommentFactory(question=question, parent=parent)
    post_comment(member_client, question, htmx, parent=reply.pk, stance="support")
    newest = Comment.objects.latest("created_at")
    assert newest.parent == parent


@MODES
def test_replying_to_a_comment_of_another_question_is_not_found(member_client, question, htmx):
    elsewhere = CommentFactory()
    response = post_comment(member_client, question, htmx, parent=elsewhere.pk, stance="support")
    assert response.status_code == 404
    assert Comment.objects.count() == 1


@MODES
def test_empty_body_is_refused_next_to_the_field_keeping_the_stance(member_client, question, htmx):
    response = post_comment(member_client, question, htmx, body="   ", stance="concern")
    assert response.status_code == 422  # a refusal is 4xx (htmx-config swaps it in place)
    html = response.content.decode()
    assert 'id="id_body_error"' in html and "意見を入力してください。" in html
    assert '<option value="concern" selected>' in html
    assert not Comment.objects.exists()
    if htmx:
        assert html.lstrip().startswith('<div id="composer"')
    else:
        assert "<html" in html


@MODES
def test_too_long_body_is_refused_and_the_text_is_kept(member_client, question, htmx):
    text = "長" * 4001
    response = post_comment(member_client, question, htmx, body=text)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_body_error"' in html
    assert text in html  # the typed text stays in the textarea
    assert not Comment.objects.exists()
    post_comment(member_client, question, htmx, body="長" * 4000)
    assert Comment.objects.get().body == "長" * 4000


@MODES
def test_a_double_submit_with_the_same_token_creates_one_comment(member_client, question, htmx):
    token = str(uuid.uuid4())
    first = post_comment(member_client, question, htmx, idempotency_token=token)
    second = post_comment(member_client, question, htmx, idempotency_token=token)
    assert first.status_code == second.status_code
    assert Comment.objects.count() == 1


# --- Editing and deleting -------------------------------------------------------------------


def edit(client, comment, htmx, body="修正した意見です。", stance="concern"):
    return client.post(
        reverse("policies:comment-update", args=[comment.pk]),
        {"body": body, "stance": stance},
        **_headers(htmx),
    )


def delete(client, comment, htmx):
    return client.post(
        reverse("policies:comment-delete", args=[comment.pk]), **_headers(htmx, "comment-list")
    )


@MODES
def test_authors_edit_their_comment_and_the_previous_version_is_kept(
    member_client, member_user, question, htmx
):
    comment = CommentFactory(question=question, author=member_user, body="最初の意見")
    response = edit(member_client, comment, htmx)
    assert response.status_code == (200 if htmx else 302)
    comment.refresh_from_db()
    assert comment.body == "修正した意見です。" and comment.stance == "concern"
    assert comment.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["最初の意見"]
    html = member_client.get(reverse("policies:question-detail", args=[question.pk])).content
    assert "編集済み" in html.decode()


@MODES
def test_nobody_edits_or_deletes_another_members_comment(
    other_member_client, secretariat_client, member_user, question, htmx
):
    comment = CommentFactory(question=question, author=member_user, body="Aの意見")
    for client in (other_member_client, secretariat_client):
        assert edit(client, comment, htmx).status_code == 404
        assert delete(client, comment, htmx).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Aの意見" and comment.deleted_at is None


@MODES
def test_observers_cannot_edit_or_delete(observer_client, question, htmx):
    comment = CommentFactory(question=question)
    assert edit(observer_client, comment, htmx).status_code == 403
    assert delete(observer_client, comment, htmx).status_code == 403


@MODES
def test_after_the_deadline_nothing_changes(member_client, member_user, question, htmx):
    comment = CommentFactory(question=question, author=member_user, body="締切前の意見")
    question.opens_at = timezone.now() - dt.timedelta(days=2)
    question.closes_at = timezone.now() - dt.timedelta(seconds=1)
    question.save()
    assert edit(member_client, comment, htmx).status_code == 403
    assert delete(member_client, comment, htmx).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "締切前の意見" and comment.deleted_at is None
    assert not CommentRevision.objects.exists()


@MODES
def test_authors_delete_softly_and_replies_stay_readable(
    member_client, member_user, question, htmx
):
    comment = CommentFactory(question=question, author=member_user, body="取り下げる意見")
    CommentFactory(question=question, parent=comment, body="それへの返信")
    response = delete(member_client, comment, htmx)
    assert response.status_code == (200 if htmx else 302)
    comment.refresh_from_db()
    assert comment.deleted_at is not None
    html = member_client.get(reverse("policies:question-detail", args=[question.pk])).content
    html = html.decode()
    assert "取り下げる意見" not in html
    assert "それへの返信" in html and "投稿者により削除されました" in html


def test_the_edit_form_for_another_members_comment_is_not_found(
    other_member_client, member_user, question, htmx_headers
):
    comment = CommentFactory(question=question, author=member_user)
    url = reverse("policies:question-detail", args=[question.pk]) + f"?edit={comment.pk}"
    assert other_member_client.get(url).status_code == 404
    assert (
        other_member_client.get(url, **htmx_headers, HTTP_HX_TARGET="composer").status_code == 404
    )


@MODES
def test_reply_and_edit_links_open_the_composer(member_client, member_user, question, htmx):
    mine = CommentFactory(question=question, author=member_user, body="自分の意見")
    base = reverse("policies:question-detail", args=[question.pk])
    html = member_client.get(f"{base}?edit={mine.pk}", **_headers(htmx)).content.decode()
    assert "意見を編集" in html and "自分の意見</textarea>" in html
    html = member_client.get(f"{base}?reply_to={mine.pk}", **_headers(htmx)).content.decode()
    assert "への返信" in html and f'name="parent" value="{mine.pk}"' in html
    if htmx:
        assert html.lstrip().startswith('<div id="composer"')


# --- Reading ------------------------------------------------------------------------------


def _list(client, question, htmx):
    headers = _headers(htmx, "comment-list")
    return client.get(reverse("policies:question-detail", args=[question.pk]), **headers)


@MODES
@pytest.mark.parametrize("who", ["client", "observer_client"])
def test_outsiders_see_no_comments_until_published(request, who, question, htmx):
    client = request.getfixturevalue(who)
    CommentFactory(question=question, body="委員限りの意見")
    response = _list(client, question, htmx)
    assert response.status_code == 200
    assert "委員限りの意見" not in response.content.decode()
    question.comments_published = True
    question.save()
    assert "委員限りの意見" in _list(client, question, htmx).content.decode()


@MODES
@pytest.mark.parametrize("who", ["client", "observer_client", "member_client"])
def test_hidden_bodies_are_never_shown_except_to_the_secretariat(
    request, who, question, htmx, secretariat_user, secretariat_client
):
    from policies import services

    question.comments_published = True
    question.save()
    comment = CommentFactory(question=question, body="不適切な表現を含む意見")
    services.comment_hide(comment=comment, by=secretariat_user, reason="個人名を含むため")
    html = _list(request.getfixturevalue(who), question, htmx).content.decode()
    assert "不適切な表現を含む意見" not in html
    assert "事務局により非表示" in html
    assert "個人名を含むため" not in html
    html = _list(secretariat_client, question, htmx).content.decode()
    assert "個人名を含むため" in html


@MODES
@pytest.mark.parametrize("who", ["client", "member_client"])
def test_unpublished_questions_are_not_found(request, who, htmx):
    question = factories.QuestionFactory(is_published=False)
    response = _list(request.getfixturevalue(who), question, htmx)
    assert response.status_code == 404


@MODES
def test_members_do_not_get_a_form_after_the_deadline(member_client, closed_question, htmx):
    CommentFactory(question=closed_question, body="締切前に書いた意見")
    html = _list(member_client, closed_question, htmx).content.decode()
    assert "締切前に書いた意見" in html
    assert "<textarea" not in html and "comment-delete" not in html


# --- History and moderation (secretariat) --------------------------------------------------


def test_history_is_for_the_secretariat_only(
    member_client, observer_client, secretariat_client, member_user, question
):
    from policies import services

    comment = CommentFactory(question=question, author=member_user, body="版1")
    services.comment_update(comment=comment, by=member_user, body="版2", stance="concern")
    url = reverse("policies:comment-history", args=[comment.pk])
    assert member_client.get(url).status_code == 404
    assert observer_client.get(url).status_code == 404
    html = secretariat_client.get(url).content.decode()
    assert "版1" in html and "版2" in html


def test_the_secretariat_hides_with_a_reason_and_shows_again(
    secretariat_client, secretariat_user, member_client, question
):
    comment = CommentFactory(question=question, body="非表示にされる意見")
    url = reverse("policies:comment-moderate", args=[comment.pk])
    response = secretariat_client.post(url, {"action": "hide", "reason": ""})
    assert response.status_code == 400 and 'id="id_reason_error"' in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden
    secretariat_client.post(url, {"action": "hide", "reason": "重複投稿"})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == secretariat_user and comment.hidden_at
    assert member_client.post(url, {"action": "unhide"}).status_code == 404
    secretariat_client.post(url, {"action": "unhide"})
    comment.refresh_from_db()
    assert not comment.is_hidden
