"""send_notifications: one mail per member and kind, never twice, only to those concerned."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import NotificationLog
from policies import notifications, services
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(db):
    a = factories.member(username="iin_a", display_name="A委員")
    b = factories.member(username="iin_b", display_name="B委員")
    return a, b


def _perspective(position, *, opens, closes, n=2):
    p = factories.PerspectiveFactory(
        position=position, comment_opens_at=opens, comment_closes_at=closes
    )
    return p, [factories.QuestionFactory(perspective=p, position=i + 1) for i in range(n)]


def test_period_open_is_one_mail_per_member_listing_every_question(members):
    now = timezone.now()
    p1, q1 = _perspective(1, opens=now - dt.timedelta(hours=1), closes=now + dt.timedelta(days=9))
    p2, q2 = _perspective(2, opens=now - dt.timedelta(hours=2), closes=now + dt.timedelta(days=9))
    _perspective(3, opens=now + dt.timedelta(days=1), closes=now + dt.timedelta(days=9))
    factories.secretariat(username="jimu")  # not a member: no mail
    factories.member(username="noemail", email="")
    factories.member(username="inactive", is_active=False)

    call_command("send_notifications", verbosity=0)
    opened = [m for m in mail.outbox if "意見募集" in m.subject or "open" in m.subject.lower()]
    assert sorted(m.to[0] for m in opened) == ["iin_a@example.go.jp", "iin_b@example.go.jp"]
    body = opened[0].body
    for q in q1 + q2:
        assert q.title in body
    assert f"http://localhost:8000/questions/{q1[0].pk}/" in body

    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == 2  # never twice
    keys = set(NotificationLog.objects.values_list("key", flat=True))
    assert len(keys) == 2  # one per question set (perspective), not per question


def test_reminder_goes_only_to_members_missing_answers_and_lists_those(members):
    a, b = members
    now = timezone.now()
    _, qs = _perspective(1, opens=now - dt.timedelta(days=5), closes=now + dt.timedelta(hours=30))
    # A answered everything, B only the first question (a deleted comment does not count).
    for q in qs:
        CommentFactory(question=q, author=a)
    CommentFactory(question=qs[0], author=b)
    CommentFactory(question=qs[1], author=b, deleted_at=now)
    # Only the reminders: mark the opening as announced.
    for user in (a, b):
        for s in notifications.opened_sets(now):
            NotificationLog.objects.create(user=user, key=s.key, kind="period-open")

    counts = notifications.send_due()
    assert counts["closing-48h"] == 1
    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert reminder.to == [b.email]
    assert qs[1].title in reminder.body and qs[0].title not in reminder.body
    assert "48" in reminder.subject

    assert notifications.send_due()["closing-48h"] == 0
    assert len(mail.outbox) == 1


def test_no_reminder_before_the_48_hour_window(members):
    now = timezone.now()
    _perspective(1, opens=now - dt.timedelta(days=5), closes=now + dt.timedelta(hours=49))
    assert notifications.due_closing_soon(now) == []


def test_daily_digest_of_replies_with_their_text(members, secretariat_user):
    a, b = members
    now = timezone.now()
    yesterday = now - dt.timedelta(days=1)
    _, qs = _perspective(1, opens=now - dt.timedelta(days=5), closes=now + dt.timedelta(days=9))
    mine = CommentFactory(question=qs[0], author=a, body="私の意見", created_at=yesterday)
    day_start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate(yesterday), dt.time(10, 0))
    )
    CommentFactory(question=qs[0], author=b, parent=mine, body="返信その一", created_at=day_start)
    CommentFactory(
        question=qs[0],
        author=b,
        parent=mine,
        body="返信その二",
        created_at=day_start + dt.timedelta(hours=1),
    )
    hidden = CommentFactory(
        question=qs[0], author=b, parent=mine, body="非表示の返信", created_at=day_start
    )
    services.comment_hide(comment=hidden, by=secretariat_user, reason="不適切")
    CommentFactory(question=qs[0], author=a, parent=mine, body="自分の返信", created_at=day_start)
    # B chose no e-mail: B's own comment's replies never mail B.
    b.digest_preference = "none"
    b.save()
    theirs = CommentFactory(question=qs[1], author=b, created_at=yesterday)
    CommentFactory(question=qs[1], author=a, parent=theirs, created_at=day_start)

    mails = notifications.due_reply_digests(now)
    assert [m.user for m in mails] == [a]
    body = mails[0].body
    assert "返信その一" in body and "返信その二" in body  # the text, not just a link
    assert "非表示の返信" not in body and "自分の返信" not in body
    assert body.count("■") == 2  # one mail for two replies

    # Claimed once: a second decision finds nothing.
    assert notifications.claim(mails[0]) is True
    assert notifications.due_reply_digests(now) == []
    assert notifications.claim(mails[0]) is False


def test_replies_today_wait_for_tomorrows_digest(members):
    a, b = members
    now = timezone.now()
    _, qs = _perspective(1, opens=now - dt.timedelta(days=5), closes=now + dt.timedelta(days=9))
    mine = CommentFactory(question=qs[0], author=a)
    CommentFactory(question=qs[0], author=b, parent=mine, created_at=now)
    assert notifications.due_reply_digests(now) == []
    tomorrow = now + dt.timedelta(days=1)
    assert len(notifications.due_reply_digests(tomorrow)) == 1


def test_mails_are_in_japanese(members):
    now = timezone.now()
    _perspective(1, opens=now - dt.timedelta(hours=1), closes=now + dt.timedelta(days=9))
    notifications.send_due()
    assert "国際戦略委員会" in mail.outbox[0].subject
    assert "様" in mail.outbox[0].body


class FailingBackend:
    """An SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_a_failed_send_is_counted_and_not_retried(members, settings):
    # At most once: the decision is committed before sending (see policies.notifications).
    now = timezone.now()
    _perspective(1, opens=now - dt.timedelta(hours=1), closes=now + dt.timedelta(days=9))
    settings.EMAIL_BACKEND = "tests.policies.test_notifications.FailingBackend"
    counts = notifications.send_due()
    assert counts["failed"] == 2 and counts["period-open"] == 0
    assert NotificationLog.objects.count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.send_due()["period-open"] == 0
    assert mail.outbox == []


def test_command_reports_what_it_sent(members, capsys):
    now = timezone.now()
    _perspective(1, opens=now - dt.timedelta(hours=1), closes=now + dt.timedelta(days=9))
    call_command("send_notifications")
    assert "period-open=2" in capsys.readouterr().out
