"""Other people's comments are cached as rendered on the question page: every change to what a
fragment shows (or to who reads it) must render it afresh, and one's own comments, which carry
a CSRF token, are never cached."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.urls import reverse
from django.utils import timezone

from policies import services
from policies.models import Comment
from policies.templatetags.policies_markdown import comment_fragment_key
from tests import factories
from tests.conftest import _client_for as client_for
from tests.schemes.factories import SchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    return factories.QuestionFactory(title="潜在層の掘り起こし")


# The author is A委員 (member_user), the reader B委員 (other_member_user), the secretariat
# moderates (secretariat_user): fixtures from tests/conftest.py.
@pytest.fixture
def author(member_user):
    return member_user


@pytest.fixture
def reader(other_member_user):
    return other_member_user


@pytest.fixture
def staff(secretariat_user):
    return secretariat_user


def page(client, question) -> str:
    response = client.get(reverse("policies:question-detail", args=[question.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post(question, author, body="短期派遣の枠を広げるべきです。", **extra) -> Comment:
    return services.comment_create(
        question=question, author=author, body=body, stance="support", **extra
    )


def fragment_cached(comment, viewer_client, question) -> bool:
    response = viewer_client.get(reverse("policies:question-detail", args=[question.pk]))
    comment = Comment.objects.select_related("author", "cited_evidence__scheme").get(pk=comment.pk)
    key = make_template_fragment_key(
        "question-comment",
        [comment_fragment_key(comment), response.context["comment_fragment_viewer"]],
    )
    return cache.get(key) is not None


def test_others_comments_are_cached_and_own_are_not(question, author, reader):
    comment = post(question, author)
    assert fragment_cached(comment, client_for(reader), question)
    cache.clear()
    assert not fragment_cached(comment, client_for(author), question)


def test_an_edit_shows_at_once(question, author, reader):
    comment = post(question, author, body="最初の文面です。")
    client = client_for(reader)
    assert "最初の文面です。" in page(client, question)
    services.comment_update(comment=comment, by=author, body="直した文面です。", stance="concern")
    html = page(client, question)
    assert "直した文面です。" in html and "最初の文面です。" not in html


def test_a_body_changed_outside_the_services_shows_too(question, author, reader):
    comment = post(question, author, body="元の文面。")
    client = client_for(reader)
    assert "元の文面。" in page(client, question)
    Comment.objects.filter(pk=comment.pk).update(body_html="<p>管理画面で直した文面。</p>")
    assert "管理画面で直した文面。" in page(client, question)


def test_hiding_deleting_and_unhiding_show_at_once(question, author, reader, staff):
    comment = post(question, author, body="問題のある文面。")
    client = client_for(reader)
    assert "問題のある文面。" in page(client, question)
    services.comment_hide(comment=comment, by=staff, reason="個人名を含むため")
    html = page(client, question)
    assert "問題のある文面。" not in html
    assert "事務局により非表示" in html
    # The reason is for the secretariat and the author, not for other members.
    assert "個人名を含むため" not in html
    assert "個人名を含むため" in page(client_for(staff), question)
    services.comment_unhide(comment=Comment.objects.get(pk=comment.pk), by=staff)
    assert "問題のある文面。" in page(client, question)
    services.comment_delete(comment=Comment.objects.get(pk=comment.pk), by=author)
    html = page(client, question)
    assert "問題のある文面。" not in html


def test_a_renamed_author_shows_at_once(question, author, reader):
    post(question, author)
    client = client_for(reader)
    assert "A委員" in page(client, question)
    author.display_name = "赤坂委員"
    author.save()
    html = page(client, question)
    assert "赤坂委員" in html and "A委員" not in html


def test_a_renamed_cited_scheme_shows_at_once(question, author, reader, staff):
    scheme = SchemeFactory(name_ja="旧名称の制度")
    evidence = services.evidence_link(question=question, by=staff, scheme=scheme)
    post(question, author, cited_evidence=evidence)
    client = client_for(reader)
    assert "旧名称の制度" in page(client, question)
    scheme.name_ja = "新名称の制度"
    scheme.save()
    html = page(client, question)
    assert "新名称の制度" in html and "旧名称の制度" not in html


def test_readers_with_other_rights_get_their_own_fragments(question, author, reader, staff):
    comment = post(question, author)
    history = reverse("policies:comment-history", args=[comment.pk])
    # A member warms the cache first; the secretariat must still get its moderation link.
    assert history not in page(client_for(reader), question)
    assert history in page(client_for(staff), question)
    assert history not in page(client_for(reader), question)


def test_closing_the_period_removes_the_reply_buttons(question, author, reader):
    comment = post(question, author)
    client = client_for(reader)
    reply = f"?reply_to={comment.pk}"
    assert reply in page(client, question)
    question.closes_at = timezone.now() - dt.timedelta(minutes=1)
    question.save()
    assert reply not in page(client, question)


def test_each_language_has_its_own_fragments(question, author, reader):
    post(question, author)
    client = client_for(reader)
    assert 'class="stance stance-support">支持<' in page(client, question)
    client.post(reverse("accounts:set-language"), {"language": "en", "next": "/"})
    html = page(client, question)
    assert 'class="stance stance-support">Support<' in html
