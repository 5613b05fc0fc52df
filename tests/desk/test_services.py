"""The desk's services: order, history, optimistic locking, periods and their mails, and
publishing a question's comments, against PostgreSQL and a real SMTP server."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.models import NotificationLog
from committee.models import ChangeLog
from core.errors import Refusal
from policies import services as comment_services
from policies.access import visible_comments
from policies.desk import selectors, services
from policies.models import Perspective, Question
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def jimu(db):
    return factories.secretariat(username="jimu", display_name="事務局")


@pytest.fixture
def members(db):
    return (
        factories.member(username="iin_a", display_name="A委員"),
        factories.member(username="iin_b", display_name="B委員"),
    )


def _unset_perspective(position=2):
    return factories.PerspectiveFactory(
        position=position, label="システムの観点", comment_opens_at=None, comment_closes_at=None
    )


def _question(perspective, **kwargs):
    kwargs.setdefault("position", Question.objects.filter(perspective=perspective).count() + 1)
    return factories.QuestionFactory(perspective=perspective, **kwargs)


def _entries(obj):
    return list(
        ChangeLog.objects.filter(model_name=obj._meta.model_name, object_id=obj.pk).order_by("id")
    )


def test_perspectives_are_appended_renamed_and_moved_with_history(jimu):
    first = services.perspective_create(label="個人の観点", title="裾野拡大", by=jimu)
    second = services.perspective_create(label="システムの観点", title="組織", by=jimu)
    assert (first.position, second.position, second.marker) == (1, 2, "②")

    services.perspective_move(perspective=second, direction="up", by=jimu)
    assert list(Perspective.objects.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    # Already first: moving up again changes nothing and logs nothing more.
    services.perspective_move(perspective=second, direction="up", by=jimu)
    assert [e.action for e in _entries(second)] == ["create", "move"]

    fresh = Perspective.objects.get(pk=first.pk)
    services.perspective_update(
        perspective=fresh, version=fresh.version, label="個人の観点", title="裾野の拡大", by=jimu
    )
    with pytest.raises(services.StaleEdit):
        services.perspective_update(
            perspective=fresh, version=fresh.version, label="x", title="古い版からの保存", by=jimu
        )
    assert Perspective.objects.get(pk=first.pk).title == "裾野の拡大"
    last = selectors.history(fresh)[0]
    assert last.actor == jimu and last.changes == [("タイトル", "裾野拡大", "裾野の拡大")]


def test_a_question_is_created_at_the_end_and_moved_within_its_perspective(jimu):
    perspective = _unset_perspective()
    other = factories.PerspectiveFactory(position=3)
    a, b = _question(perspective), _question(perspective)
    elsewhere = _question(other, position=1)
    item = factories.AgendaItemFactory(title="システム改革について")
    c = services.question_create(
        perspective=perspective,
        title="組織としての送り出し",
        body="大学は研究者をどう送り出すか。",
        agenda_item=item,
        is_published=False,
        by=jimu,
    )
    assert (c.position, c.agenda_item, c.is_published) == (3, item, False)
    services.question_move(question=c, direction="up", by=jimu)
    services.question_move(question=c, direction="up", by=jimu)
    ordered = Question.objects.filter(perspective=perspective).order_by("position")
    assert [q.pk for q in ordered] == [c.pk, a.pk, b.pk]
    assert Question.objects.get(pk=elsewhere.pk).position == 1
    # Each swap logs both questions; the history reads the agenda item by name.
    assert [e.action for e in _entries(c)] == ["create", "move", "move"]
    created = selectors.history(c)[-1]
    assert ("議題", "—", f"{item.meeting.title} — {item}") in created.changes


def test_a_stale_question_edit_writes_nothing(jimu):
    question = _question(_unset_perspective())
    seen = question.version
    services.question_update(
        question=question,
        version=seen,
        title="新しい題",
        body="本文",
        agenda_item=None,
        is_published=True,
        by=jimu,
    )
    count = ChangeLog.objects.count()
    with pytest.raises(services.StaleEdit) as stale:
        services.question_update(
            question=question,
            version=seen,
            title="古い版",
            body="古い本文",
            agenda_item=None,
            is_published=False,
            by=jimu,
        )
    assert stale.value.current.title == "新しい題"
    assert Question.objects.get(pk=question.pk).title == "新しい題"
    assert ChangeLog.objects.count() == count


def test_open_now_announces_once_by_smtp_and_members_can_post(
    jimu, members, smtp, django_capture_on_commit_callbacks
):
    perspective = _unset_perspective()
    question = _question(perspective, title="組織的な送り出し", opens_at=None, closes_at=None)
    closes = timezone.now() + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        opened = services.period_open(
            obj=question, version=question.version, closes_at=closes, by=jimu
        )
    assert opened.is_open() and opened.closes_at == closes
    assert smtp.to() == ["iin_a@example.go.jp", "iin_b@example.go.jp"]
    assert all("組織的な送り出し" in body for body in smtp.bodies())
    assert f"/questions/{question.pk}/" in smtp.bodies()[0]
    # Sent once: the cron's run and a second announcement find the mails already claimed.
    call_command("send_notifications", verbosity=0)
    services.notify.announce_opened()
    assert len(smtp.messages) == 2
    comment_services.comment_create(
        question=opened, author=members[0], body="意見です。", stance="support"
    )
    # Opening what is open is refused, as is a close time in the past.
    with pytest.raises(ValidationError):
        services.period_open(obj=opened, version=opened.version, closes_at=closes, by=jimu)
    other = _question(perspective, opens_at=None, closes_at=None)
    with pytest.raises(ValidationError) as refused:
        services.period_open(
            obj=other, version=other.version, closes_at=timezone.now() - HOUR, by=jimu
        )
    assert "closes_at" in refused.value.message_dict


def test_close_now_refuses_posts_and_extend_reopens_and_notifies_once(
    jimu, members, smtp, django_capture_on_commit_callbacks
):
    now = timezone.now()
    question = _question(
        _unset_perspective(), title="延長される論点", opens_at=now - HOUR, closes_at=now + HOUR
    )
    closed = services.period_close(obj=question, version=question.version, by=jimu)
    assert not closed.is_open()
    with pytest.raises(Refusal):
        comment_services.comment_create(
            question=closed, author=members[0], body="間に合わなかった", stance="concern"
        )
    with pytest.raises(ValidationError):  # nothing to close any more
        services.period_close(obj=closed, version=closed.version, by=jimu)
    with pytest.raises(ValidationError):  # an extension must end after the current close
        services.period_extend(obj=closed, version=closed.version, closes_at=now - HOUR, by=jimu)

    until = now + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        extended = services.period_extend(
            obj=closed, version=closed.version, closes_at=until, by=jimu
        )
    assert extended.is_open() and extended.opens_at == question.opens_at
    assert smtp.to() == ["iin_a@example.go.jp", "iin_b@example.go.jp"]
    local = timezone.localtime(until).strftime("%Y-%m-%d %H:%M")
    assert "延長" in smtp.messages[0]["Subject"] and local in smtp.bodies()[0]
    assert "延長される論点" in smtp.bodies()[0]
    services.notify.announce_extended(extended)
    assert len(smtp.messages) == 2
    assert NotificationLog.objects.filter(kind="period-extended").count() == 2
    comment_services.comment_create(
        question=extended, author=members[0], body="延長後の意見", stance="proposal"
    )
    assert [e.action for e in _entries(question)] == ["update", "update"]


def test_a_perspective_period_governs_its_questions_without_their_own(jimu, members):
    perspective = _unset_perspective()
    follows = _question(perspective, opens_at=None, closes_at=None)
    services.period_open(
        obj=perspective,
        version=perspective.version,
        closes_at=timezone.now() + dt.timedelta(days=7),
        by=jimu,
    )
    assert Question.objects.select_related("perspective").get(pk=follows.pk).is_open()
    perspective.refresh_from_db()
    services.period_close(obj=perspective, version=perspective.version, by=jimu)
    assert not Question.objects.select_related("perspective").get(pk=follows.pk).is_open()
    with pytest.raises(services.StaleEdit):
        services.period_close(obj=perspective, version=perspective.version - 1, by=jimu)


def test_publishing_comments_shows_them_to_observers_and_can_be_taken_back(jimu, members):
    observer = factories.observer(username="bocho")
    question = _question(_unset_perspective())
    CommentFactory(question=question, author=members[0], body="A委員の意見")
    CommentFactory(question=question, author=members[0], body="A委員の二つ目")
    CommentFactory(question=question, author=members[1], body="B委員の意見")
    CommentFactory(question=question, author=members[1], body="削除済み", deleted_at=timezone.now())
    summary = selectors.publication_summary(question)
    assert summary == {
        "count": 3,
        "authors": [{"name": "A委員", "count": 2}, {"name": "B委員", "count": 1}],
    }
    assert not visible_comments(observer).filter(question=question).exists()
    with pytest.raises(ValidationError):  # the page said 2: someone posted meanwhile
        services.comments_publish(
            question=question, version=question.version, published=True, expected_count=2, by=jimu
        )
    published = services.comments_publish(
        question=question, version=question.version, published=True, expected_count=3, by=jimu
    )
    assert visible_comments(observer).filter(question=question).count() == 4  # UI skips deleted
    entry = selectors.history(question)[0]
    assert entry.changes == [("意見を公開", "いいえ", "はい")]
    services.comments_publish(
        question=published, version=published.version, published=False, expected_count=3, by=jimu
    )
    assert not visible_comments(observer).filter(question=question).exists()


def test_history_shows_times_in_local_time(jimu):
    question = _question(_unset_perspective(), opens_at=None, closes_at=None)
    closes = dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.UTC)  # 18:00 in Tokyo
    services.period_open(obj=question, version=question.version, closes_at=closes, by=jimu)
    entry = selectors.history(question)[0]
    changes = {label: (before, after) for label, before, after in entry.changes}
    assert changes["意見受付終了"] == ("—", "2026年12月15日18:00")
