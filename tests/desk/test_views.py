"""The desk's pages: HTMX partials and the same actions without JavaScript, refusals with
honest status codes and the typed text kept."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from policies.desk import services
from policies.models import Question
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def perspective(db):
    return factories.PerspectiveFactory(
        position=2,
        label="システムの観点",
        title="組織としての送り出し",
        comment_opens_at=None,
        comment_closes_at=None,
    )


@pytest.fixture
def question(perspective):
    return factories.QuestionFactory(perspective=perspective, position=1, title="既存の論点")


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_the_desk_lists_perspectives_and_questions_for_the_secretariat_only(
    secretariat_client, member_client, client, question
):
    page = secretariat_client.get("/desk/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "② システムの観点" in html and "既存の論点" in html
    assert f'id="move-up-question-{question.pk}"' in html
    assert member_client.get("/desk/").status_code == 403
    assert client.get("/desk/").status_code == 302


def test_creating_a_question_links_it_to_an_agenda_item_without_javascript(
    secretariat_client, perspective, question
):
    item = factories.AgendaItemFactory(title="組織的な派遣について")
    response = secretariat_client.post(
        f"/desk/perspectives/{perspective.pk}/questions/new/",
        {
            "title": "大学の送り出し体制",
            "body": "組織としてどう送り出すか。",
            "agenda_item": item.pk,
            "is_published": "on",
        },
    )
    created = Question.objects.get(title="大学の送り出し体制")
    assert (
        response.status_code == 302
        and response["Location"] == f"/desk/questions/{created.pk}/edit/"
    )
    assert (created.position, created.agenda_item, created.is_published) == (2, item, True)
    page = secretariat_client.get(response["Location"]).content.decode()
    assert "②-2 大学の送り出し体制" in page and "作成" in page  # the history's CREATE row


def test_an_invalid_question_comes_back_with_what_was_typed(secretariat_client, perspective):
    response = secretariat_client.post(
        f"/desk/perspectives/{perspective.pk}/questions/new/",
        {"title": "   ", "body": "書きかけの本文です"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "書きかけの本文です" in html and "タイトルを入力してください。" in html
    assert not Question.objects.filter(body="書きかけの本文です").exists()


def test_a_stale_edit_is_refused_with_the_saved_values_and_the_typed_text(
    secretariat_client, admin_client_role, question
):
    url = f"/desk/questions/{question.pk}/edit/"
    data = {"title": "私の題", "body": "私の本文", "version": question.version}
    assert admin_client_role.post(url, {**data, "title": "先に保存された題"}).status_code == 302
    response = secretariat_client.post(url, data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "先に保存された題" in html  # the stale panel
    assert 'value="私の題"' in html and "私の本文" in html
    assert Question.objects.get(pk=question.pk).title == "先に保存された題"


def test_open_now_by_htmx_returns_the_panel_and_mails_the_members(
    secretariat_client, question, htmx_headers, mailoutbox, django_capture_on_commit_callbacks
):
    factories.member(username="iin_a")
    closes = timezone.now() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            f"/desk/questions/{question.pk}/period/open/",
            {"version": question.version, "closes_at": _local(closes)},
            **htmx_headers,
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "意見の受付を開始しました。" in html and "今すぐ締切" in html
    # The edit form above the panel carries the new version (swapped out of band).
    assert f'value="{question.version + 1}" id="id_version" hx-swap-oob="true"' in html
    assert [m.to for m in mailoutbox] == [["iin_a@example.go.jp"]]
    assert Question.objects.get(pk=question.pk).is_open()


def test_a_refused_extension_keeps_the_typed_time_and_says_why(
    secretariat_client, question, htmx_headers
):
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    typed = _local(now - dt.timedelta(days=2))
    response = secretariat_client.post(
        f"/desk/questions/{question.pk}/period/extend/",
        {"version": question.version, "closes_at": typed},
        **htmx_headers,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "現在の締切より後で" in html and f'value="{typed}"' in html
    assert "hx-swap-oob" not in html


def test_close_now_without_javascript_redirects_and_a_stale_close_is_refused(
    secretariat_client, question
):
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1)
    )
    url = f"/desk/questions/{question.pk}/period/close/"
    response = secretariat_client.post(url, {"version": question.version})
    assert response.status_code == 302 and response["Location"].endswith("/edit/#period")
    assert not Question.objects.get(pk=question.pk).is_open()
    stale = secretariat_client.post(url, {"version": question.version})
    assert stale.status_code == 409
    assert "その間に他の人が変更しました" in stale.content.decode()


def test_moving_a_question_keeps_focus_on_its_button(secretariat_client, question, htmx_headers):
    second = factories.QuestionFactory(perspective=question.perspective, position=2, title="二番目")
    response = secretariat_client.post(f"/desk/questions/{second.pk}/move/up/", **htmx_headers)
    assert response.status_code == 200
    html = response.content.decode()
    button = re.search(rf'<button[^>]*id="move-up-question-{second.pk}"[^>]*>', html).group(0)
    assert "data-autofocus" in button
    assert html.count("data-autofocus") == 1
    assert html.index("二番目") < html.index("既存の論点")
    assert "<html" not in html  # a partial


def test_publishing_comments_says_what_becomes_public_then_observers_read_them(
    secretariat_client, observer_client, question, member_user, other_member_user
):
    CommentFactory(question=question, author=member_user, body="A委員の公開される意見")
    CommentFactory(question=question, author=other_member_user, body="B委員の意見")
    CommentFactory(question=question, author=other_member_user, body="B委員の返信")
    url = f"/desk/questions/{question.pk}/comments/publish/"
    confirm = secretariat_client.get(url).content.decode()
    assert "3件の意見が公開されます" in confirm
    assert "A委員（1件）" in confirm and "B委員（2件）" in confirm
    response = secretariat_client.post(url, {"version": question.version, "expected_count": 3})
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).comments_published
    page = observer_client.get(f"/questions/{question.pk}/").content.decode()
    assert "A委員の公開される意見" in page
    # Taking it back: confirmed the same way.
    back = f"/desk/questions/{question.pk}/comments/unpublish/"
    assert "3件の意見が委員限りに戻ります" in secretariat_client.get(back).content.decode()
    secretariat_client.post(back, {"version": question.version + 1, "expected_count": 3})
    assert (
        "A委員の公開される意見"
        not in observer_client.get(f"/questions/{question.pk}/").content.decode()
    )


def test_a_changed_count_is_confirmed_again(secretariat_client, question, member_user):
    CommentFactory(question=question, author=member_user, body="一件目")
    url = f"/desk/questions/{question.pk}/comments/publish/"
    response = secretariat_client.post(url, {"version": question.version, "expected_count": 0})
    assert response.status_code == 409
    assert "1件の意見が公開されます" in response.content.decode()
    assert not Question.objects.get(pk=question.pk).comments_published


def test_the_desk_pages_take_the_same_queries_whatever_their_size(secretariat_client, perspective):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert secretariat_client.get(url).status_code == 200
        return len(queries)

    question = factories.QuestionFactory(perspective=perspective, position=1)
    services_edit(question, 99)  # one history entry: the names of linked items are read
    small = (count("/desk/"), count(f"/desk/questions/{question.pk}/edit/"))
    for n in range(2, 12):
        q = factories.QuestionFactory(perspective=factories.PerspectiveFactory(position=n + 10))
        CommentFactory(question=q)
        CommentFactory(question=question)
    for n in range(5):
        services_edit(question, n)
    assert (count("/desk/"), count(f"/desk/questions/{question.pk}/edit/")) == small


def services_edit(question, n):
    """A logged edit that links another agenda item (the history names each one)."""
    question.refresh_from_db()
    services.question_update(
        question=question,
        version=question.version,
        title=f"改題{n}",
        body=question.body,
        agenda_item=factories.AgendaItemFactory(),
        is_published=True,
        by=factories.secretariat(username=f"jimu{n}"),
    )


def test_a_stale_publish_by_htmx_is_refused_in_the_list(secretariat_client, question, htmx_headers):
    Question.objects.filter(pk=question.pk).update(version=question.version + 1)
    response = secretariat_client.post(
        f"/desk/questions/{question.pk}/publish/",
        {"published": "0", "version": question.version},
        **htmx_headers,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "その間に他の人が変更しました" in html and "<html" not in html
    assert Question.objects.get(pk=question.pk).is_published


def test_a_refused_publish_without_javascript_shows_the_list_page(secretariat_client, question):
    url = f"/desk/questions/{question.pk}/publish/"
    response = secretariat_client.post(url, {"published": "0"})  # no version: incomplete
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html and 'id="desk-list"' in html
    Question.objects.filter(pk=question.pk).update(version=question.version + 1)
    stale = secretariat_client.post(url, {"published": "0", "version": question.version})
    assert stale.status_code == 409 and "<html" in stale.content.decode()


def test_an_edit_in_the_django_admin_makes_a_desk_form_loaded_before_it_stale(
    secretariat_client, question
):
    """The admin's change form bumps the version as every versioned save does."""
    loaded = question.version
    change = f"/admin/policies/question/{question.pk}/change/"
    client = Client()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"title": "管理画面で直した題", "body": question.body})
    for name, value in list(data.items()):
        if isinstance(value, dt.datetime):
            data.pop(name)
            data[f"{name}_0"], data[f"{name}_1"] = f"{value:%Y-%m-%d}", f"{value:%H:%M:%S}"
    response = client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    question.refresh_from_db()
    assert (question.title, question.version) == ("管理画面で直した題", loaded + 1)
    stale = secretariat_client.post(
        f"/desk/questions/{question.pk}/edit/",
        {"title": "机で直した題", "body": question.body, "version": loaded},
    )
    assert stale.status_code == 409
    assert Question.objects.get(pk=question.pk).title == "管理画面で直した題"
