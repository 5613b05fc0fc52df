"""The composer never loses the text: each refusal answers 4xx with the typed text in the box
(HTMX fragment or whole page), and a stored comment tells the browser to drop its draft."""

import datetime as dt
import json
import uuid

import pytest
from django.urls import reverse

from policies import services
from policies.models import Comment
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

MODES = pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
TEXT = "大学として研究者を送り出す仕組みを整えるべきです。"


def _headers(htmx):
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "composer"} if htmx else {}


def _post(client, question, htmx, **data):
    payload = {"body": TEXT, "stance": "proposal", "idempotency_token": str(uuid.uuid4())}
    payload.update(data)
    url = reverse("policies:comment-create", args=[question.pk])
    return client.post(url, payload, **_headers(htmx))


@MODES
def test_a_question_unpublished_meanwhile_gives_the_text_back(member_client, htmx):
    question = factories.QuestionFactory(is_published=False)
    response = _post(member_client, question, htmx)
    assert response.status_code == 404  # the same answer as a missing question
    html = response.content.decode()
    assert TEXT in html and '<option value="proposal" selected>' in html
    assert "この論点は現在表示できません" in html
    assert question.title not in html  # nothing about the question itself
    assert ("<html" in html) is not htmx
    assert not Comment.objects.exists()


@MODES
def test_a_stale_edit_is_refused_with_the_text_kept(member_client, member_user, htmx):
    comment = CommentFactory(author=member_user, body="最初の意見")
    seen = comment.version
    # Another window saved since this one opened: its version moved on.
    later = comment.created_at + dt.timedelta(minutes=5)
    Comment.objects.filter(pk=comment.pk).update(body="別の画面で保存", edited_at=later)
    url = reverse("policies:comment-update", args=[comment.pk])
    data = {"body": TEXT, "stance": "concern", "version": seen}
    response = member_client.post(url, data, **_headers(htmx))
    assert response.status_code == 409
    html = response.content.decode()
    assert TEXT in html and "別の画面で変更されました" in html
    comment.refresh_from_db()
    assert comment.body == "別の画面で保存"
    # Opened on the current version, the same edit goes through.
    data["version"] = comment.version
    assert member_client.post(url, data, **_headers(htmx)).status_code == (200 if htmx else 302)


def test_the_edit_form_carries_the_version(member_client, member_user):
    comment = CommentFactory(author=member_user)
    url = reverse("policies:question-detail", args=[comment.question_id])
    html = member_client.get(url, {"edit": comment.pk}).content.decode()
    assert f'name="version" value="{comment.version}"' in html
    assert f'data-draft-key="edit-{comment.pk}"' in html


@pytest.mark.parametrize(("reply", "key"), [(False, "new"), (True, "reply-{pk}")])
def test_a_stored_comment_tells_the_browser_which_draft_to_drop(member_client, reply, key):
    question = factories.QuestionFactory()
    parent = CommentFactory(question=question) if reply else None
    extra = {"parent": parent.pk} if reply else {}
    response = _post(member_client, question, True, **extra)
    assert response.status_code == 200
    stored = json.loads(response["HX-Trigger"])["policies:comment-stored"]
    assert stored == {"scope": str(question.pk), "key": key.format(pk=parent.pk if reply else 0)}
    refused = _post(member_client, question, True, body="  ")
    assert refused.status_code == 422 and "HX-Trigger" not in refused  # nothing stored


@MODES
def test_a_reply_to_a_comment_hidden_meanwhile_keeps_the_text(
    member_client, secretariat_user, htmx
):
    question = factories.QuestionFactory()
    parent = CommentFactory(question=question, body="隠される意見")
    services.comment_hide(comment=parent, by=secretariat_user, reason="重複")
    response = _post(member_client, question, htmx, parent=parent.pk, stance="question")
    assert response.status_code == 403
    html = response.content.decode()
    assert TEXT in html and '<option value="question" selected>' in html
    assert "隠される意見" not in html  # the refused form quotes nothing its reader may not see
    assert f'data-draft-key="reply-{parent.pk}"' in html  # the same draft as before
    assert Comment.objects.count() == 1
