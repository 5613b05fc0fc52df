"""The comment list's poll answers 304 Not Modified while nothing the reader may see changed,
and a fresh 200 (new ETag) as soon as anything does: a post, an edit, moderation, the reader."""

import pytest
from django.urls import reverse

from policies import services
from policies.models import Comment
from tests import factories
from tests.conftest import _client_for as client_for

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "comment-list"}


@pytest.fixture
def question(db):
    return factories.QuestionFactory(title="潜在層の掘り起こし")


def poll(client, question, etag=None, **extra):
    headers = {**HX, **extra}
    if etag:
        headers["HTTP_IF_NONE_MATCH"] = etag
    return client.get(reverse("policies:question-detail", args=[question.pk]), **headers)


def post(question, author, body="短期派遣の枠を広げるべきです。") -> Comment:
    return services.comment_create(question=question, author=author, body=body, stance="support")


def test_nothing_changed_is_304_without_rendering(
    question, member_user, other_member_user, django_assert_max_num_queries
):
    post(question, member_user)
    reader = client_for(other_member_user)
    first = poll(reader, question)
    assert first.status_code == 200 and "短期派遣" in first.content.decode()
    etag = first["ETag"]
    assert etag.startswith('"') and "no-cache" in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    with django_assert_max_num_queries(6):  # session, user, roles, question, fingerprint
        again = poll(reader, question, etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag


def test_a_post_an_edit_and_moderation_each_change_the_etag(
    question, member_user, other_member_user, secretariat_user
):
    reader = client_for(other_member_user)
    seen = [poll(reader, question)["ETag"]]
    comment = post(question, member_user)
    steps = [
        lambda: None,
        lambda: services.comment_update(
            comment=Comment.objects.get(pk=comment.pk), by=member_user, body="直した。",
            stance="concern",
        ),
        lambda: services.comment_hide(
            comment=Comment.objects.get(pk=comment.pk), by=secretariat_user, reason="理由"
        ),
        lambda: services.comment_unhide(
            comment=Comment.objects.get(pk=comment.pk), by=secretariat_user
        ),
        lambda: Comment.objects.filter(pk=comment.pk).update(body_html="<p>管理画面で</p>"),
        lambda: type(member_user).objects.filter(pk=member_user.pk).update(display_name="新名"),
    ]  # fmt: skip
    for step in steps:
        step()
        response = poll(reader, question, seen[-1])
        assert response.status_code == 200, step
        seen.append(response["ETag"])
    # Each step changed it (unhiding may return to an earlier state, and its earlier ETag).
    assert all(before != after for before, after in zip(seen, seen[1:], strict=False))
    assert "管理画面で" in response.content.decode() and "新名" in response.content.decode()


def test_each_reader_and_language_has_its_own_etag(
    question, member_user, other_member_user, secretariat_user
):
    post(question, member_user)
    tags = {
        poll(client_for(user), question)["ETag"]
        for user in (member_user, other_member_user, secretariat_user)
    }
    assert len(tags) == 3
    reader = client_for(other_member_user)
    japanese = poll(reader, question)["ETag"]
    reader.cookies["django_language"] = "en"
    english = poll(reader, question, japanese)
    assert english.status_code == 200 and english["ETag"] != japanese
