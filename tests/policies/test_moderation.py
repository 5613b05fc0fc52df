"""Moderation: hide with a reason, unhide, every action recorded, the author told why."""

import pytest
from django.urls import reverse

from core.errors import Refusal
from policies import services
from policies.models import Comment, ModerationEvent
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(member_user):
    return CommentFactory(author=member_user, body="不適切な表現を含む意見")


def test_hide_and_unhide_write_moderation_events(comment, secretariat_user):
    services.comment_hide(comment=comment, by=secretariat_user, reason="個人情報を含むため")
    services.comment_unhide(comment=comment, by=secretariat_user)
    events = list(ModerationEvent.objects.order_by("at", "id"))
    assert [(e.action, e.reason, e.actor) for e in events] == [
        ("hide", "個人情報を含むため", secretariat_user),
        ("unhide", "個人情報を含むため", secretariat_user),
    ]
    # Unhiding a comment that is not hidden records nothing.
    services.comment_unhide(comment=comment, by=secretariat_user)
    assert ModerationEvent.objects.count() == 2


def test_refused_hide_writes_nothing(comment, secretariat_user, member_user):
    with pytest.raises(services.ValidationError):
        services.comment_hide(comment=comment, by=secretariat_user, reason="  ")
    with pytest.raises(Refusal):
        services.comment_hide(comment=comment, by=member_user, reason="x")
    assert not ModerationEvent.objects.exists()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_moderation_list_shows_recent_comments_and_history(
    comment, secretariat_user, secretariat_client, django_assert_max_num_queries
):
    services.comment_hide(comment=comment, by=secretariat_user, reason="個人情報を含むため")
    url = reverse("moderation:list")
    response = secretariat_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "不適切な表現を含む意見" in html and "個人情報を含むため" in html
    assert f'id="mod-row-{comment.pk}"' in html
    with django_assert_max_num_queries(20) as ctx:
        secretariat_client.get(url)
    before = len(ctx.captured_queries)
    for c in CommentFactory.create_batch(10):
        services.comment_hide(comment=c, by=secretariat_user, reason="r")
    with django_assert_max_num_queries(before):
        secretariat_client.get(url)
    hidden_only = secretariat_client.get(url, {"hidden": "1"}).content.decode()
    assert hidden_only.count('id="mod-row-') == 11


@pytest.mark.parametrize("headers", ["htmx_headers", "history_restore_headers", None])
def test_htmx_gets_the_tables_and_a_history_restore_the_page(
    request, comment, secretariat_client, headers
):
    extra = request.getfixturevalue(headers) if headers else {}
    response = secretariat_client.get(reverse("moderation:list"), **extra)
    html = response.content.decode()
    assert response.status_code == 200 and f'id="mod-row-{comment.pk}"' in html
    partial = headers == "htmx_headers"
    assert html.lstrip().startswith('<div id="moderation-tables">') is partial
    assert ("<html" in html) is not partial


def test_hide_from_the_list_without_javascript(comment, secretariat_client):
    url = reverse("moderation:moderate", args=[comment.pk])
    response = secretariat_client.post(url, {"action": "hide", "reason": "重複投稿"})
    assert response.status_code == 302 and response["Location"] == reverse("moderation:list")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "重複投稿"
    assert ModerationEvent.objects.get().action == "hide"
    response = secretariat_client.post(url, {"action": "unhide"})
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert ModerationEvent.objects.count() == 2


def test_hide_without_reason_shows_the_error_next_to_the_field(comment, secretariat_client):
    url = reverse("moderation:moderate", args=[comment.pk])
    response = secretariat_client.post(url, {"action": "hide", "reason": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="reason-{comment.pk}-error"' in html
    assert "<html" in html  # the whole page, with the error at its row
    comment.refresh_from_db()
    assert not comment.is_hidden and not ModerationEvent.objects.exists()


def test_hide_with_htmx_returns_the_row(comment, secretariat_client, htmx_headers):
    url = reverse("moderation:moderate", args=[comment.pk])
    response = secretariat_client.post(url, {"action": "hide", "reason": ""}, **htmx_headers)
    assert response.status_code == 400  # swapped in place by the htmx-config
    assert response.content.decode().lstrip().startswith(f'<tr id="mod-row-{comment.pk}"')
    assert f'id="reason-{comment.pk}-error"' in response.content.decode()
    assert "<html" not in response.content.decode()
    response = secretariat_client.post(url, {"action": "hide", "reason": "重複"}, **htmx_headers)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="mod-row-{comment.pk}"')
    assert "重複" in html and 'value="unhide"' in html


@pytest.mark.parametrize("htmx", [False, True])
def test_only_the_secretariat_moderates(comment, htmx, member_client, observer_client, client):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    list_url = reverse("moderation:list")
    post_url = reverse("moderation:moderate", args=[comment.pk])
    for c in (member_client, observer_client):
        assert c.get(list_url, **headers).status_code == 403
        assert c.post(post_url, {"action": "hide", "reason": "x"}, **headers).status_code == 403
    assert client.post(post_url, {"action": "hide", "reason": "x"}, **headers).status_code in (
        302,
        403,
    )
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_missing_comment_is_404(secretariat_client):
    url = reverse("moderation:moderate", args=[999999])
    assert secretariat_client.post(url, {"action": "unhide"}).status_code == 404


def test_the_author_sees_that_their_comment_is_hidden_and_why(
    comment, secretariat_user, member_client, other_member_client
):
    services.comment_hide(comment=comment, by=secretariat_user, reason="個人名を含むため")
    url = reverse("policies:question-detail", args=[comment.question_id])
    own = member_client.get(url).content.decode()
    assert "個人名を含むため" in own
    assert "不適切な表現を含む意見" not in own
    other = other_member_client.get(url).content.decode()
    assert "個人名を含むため" not in other and "不適切な表現を含む意見" not in other
    assert Comment.objects.get(pk=comment.pk).is_hidden


def test_moderation_page_links_the_meetings_digests(secretariat_client):
    question = CommentFactory().question
    meeting = question.agenda_item.meeting
    html = secretariat_client.get(reverse("moderation:list")).content.decode()
    assert reverse("digest:meeting", args=[meeting.pk]) in html
