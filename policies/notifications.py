"""What e-mail is due (periods opening, 48-hour reminders, daily reply digests) and sending it once.

Each mail is decided per user inside one transaction: the user's row is locked (two runs at
once queue up behind each other), the keys already in NotificationLog are skipped, and the new
keys are inserted. The mail is sent after that transaction commits, so delivery is AT MOST
ONCE: a mail whose send fails after the commit is not retried (the failure is reported by the
command). We chose that because the committee's rule is "never twice the same mail"; sending
inside the transaction would retry a failed send, but could also send twice if the commit
failed after the SMTP server accepted the mail. The secretariat can delete a log row to resend.

One mail per user and kind per run, listing everything due (never one mail per question).
"""

import datetime as dt
import os
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import NotificationLog
from policies.access import visible_comments
from policies.digest import active_members
from policies.models import Comment, Question

PERIOD_OPEN = "period-open"
CLOSING_SOON = "closing-48h"
REPLY_DIGEST = "reply-digest"
REMINDER_WINDOW = dt.timedelta(hours=48)


@dataclass
class QuestionSet:
    """Questions of one perspective sharing the same period boundary (one announcement)."""

    key: str
    perspective: object
    at: dt.datetime
    questions: list[Question] = field(default_factory=list)


@dataclass
class Mail:
    user: object
    kind: str
    keys: list[str]
    subject: str
    body: str


def _site_url() -> str:
    # Mails need absolute links; there is no request here. settings.SITE_URL when the lead
    # adds it, else the DJANGO_SITE_URL environment variable (docker-compose sets it).
    url = getattr(settings, "SITE_URL", "") or os.environ.get("DJANGO_SITE_URL", "")
    return (url or "http://localhost:8000").rstrip("/")


def key_stamp(value: dt.datetime) -> str:
    """The moment in a NotificationLog key: local time to the minute ("202603301000"). Every
    key names its moment this way, so the same moment always gives the same key; changing it
    would send every logged mail again."""
    return timezone.localtime(value).strftime("%Y%m%d%H%M")


def _open_questions(now):
    """Published questions whose period (own or their perspective's) is open now."""
    return (
        Question.objects.published()
        .with_period()
        .open_at(now)
        .select_related("perspective")
        .order_by("perspective__position", "position")
    )


def _sets(questions, kind: str, boundary: str) -> list[QuestionSet]:
    sets: dict[tuple, QuestionSet] = {}
    for q in questions:
        at = getattr(q, boundary)
        key = f"{kind}:perspective-{q.perspective_id}:{key_stamp(at)}"
        qs = sets.setdefault(key, QuestionSet(key=key, perspective=q.perspective, at=at))
        qs.questions.append(q)
    return list(sets.values())


def opened_sets(now) -> list[QuestionSet]:
    """Question sets open now, keyed by perspective and opening time: announced once."""
    return _sets(_open_questions(now), PERIOD_OPEN, "period_opens")


def closing_sets(now) -> list[QuestionSet]:
    """Question sets closing within 48 hours, keyed by perspective and closing time."""
    return _sets(
        _open_questions(now).filter(period_closes__lte=now + REMINDER_WINDOW),
        CLOSING_SOON,
        "period_closes",
    )


def _recipients():
    return active_members().exclude(email="")


def _render(kind: str, ctx: dict) -> tuple[str, str]:
    subject = render_to_string(f"policies/mail/{kind}_subject.txt", ctx).strip()
    body = render_to_string(f"policies/mail/{kind}.txt", ctx)
    return " ".join(subject.split()), body


def _question_url(q) -> str:
    return _site_url() + reverse("policies:question-detail", args=[q.pk])


def due_period_open(now) -> list[Mail]:
    """One mail per member listing every question set that opened and was not announced
    to them yet."""
    sets = opened_sets(now)
    if not sets:
        return []
    mails = []
    sent = _sent_keys([s.key for s in sets])
    for user in _recipients():
        due = [s for s in sets if (user.pk, s.key) not in sent]
        if not due:
            continue
        ctx = {"user": user, "sets": due, "url": _question_url}
        ctx["items"] = [
            {"set": s, "questions": [(q, _question_url(q)) for q in s.questions]} for s in due
        ]
        subject, body = _render("period_open", ctx)
        mails.append(Mail(user, PERIOD_OPEN, [s.key for s in due], subject, body))
    return mails


def due_closing_soon(now) -> list[Mail]:
    """One mail per member who has not commented on every question of a set closing within
    48 hours, listing only the questions they have not answered."""
    sets = closing_sets(now)
    if not sets:
        return []
    question_ids = [q.pk for s in sets for q in s.questions]
    answered = set(
        Comment.objects.filter(question_id__in=question_ids, deleted_at__isnull=True).values_list(
            "author_id", "question_id"
        )
    )
    sent = _sent_keys([s.key for s in sets])
    mails = []
    for user in _recipients():
        items = []
        for s in sets:
            if (user.pk, s.key) in sent:
                continue
            missing = [q for q in s.questions if (user.pk, q.pk) not in answered]
            if missing:
                items.append({"set": s, "questions": [(q, _question_url(q)) for q in missing]})
        if not items:
            continue
        subject, body = _render("closing_soon", {"user": user, "items": items})
        mails.append(Mail(user, CLOSING_SOON, [i["set"].key for i in items], subject, body))
    return mails


def due_reply_digests(now) -> list[Mail]:
    """Yesterday's replies (local day) to each user's comments, one mail per user who chose
    the daily digest; only replies the user may read, not deleted, not hidden."""
    today = timezone.localdate(now)
    day = today - dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    key = f"{REPLY_DIGEST}:{day.isoformat()}"
    User = get_user_model()
    users = (
        User.objects.filter(
            is_active=True,
            digest_preference=User.Digest.DAILY,
            policy_comments__replies__created_at__gte=start,
            policy_comments__replies__created_at__lt=end,
        )
        .exclude(email="")
        .exclude(notifications__key=key)
        .distinct()
    )
    mails = []
    for user in users:
        replies = list(
            visible_comments(user)
            .shown()
            .filter(parent__author=user, created_at__gte=start, created_at__lt=end)
            .filter(~Q(author=user))
            .select_related("author", "parent", "question__perspective")
            .order_by("question__perspective__position", "question__position", "created_at")
        )
        if not replies:
            continue
        items = [(r, _question_url(r.question) + f"#comment-{r.pk}") for r in replies]
        subject, body = _render("reply_digest", {"user": user, "day": day, "items": items})
        mails.append(Mail(user, REPLY_DIGEST, [key], subject, body))
    return mails


def _sent_keys(keys: list[str]) -> set[tuple[int, str]]:
    return set(NotificationLog.objects.filter(key__in=keys).values_list("user_id", "key"))


def claim(mail: Mail) -> bool:
    """Record the mail's keys for its user; False when another run got there first.

    One transaction with the user's row locked, so two runs at once decide one after the other.
    """
    User = get_user_model()
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=mail.user.pk).first()
            if NotificationLog.objects.filter(user=mail.user, key__in=mail.keys).exists():
                return False
            NotificationLog.objects.bulk_create(
                NotificationLog(user=mail.user, key=k, kind=mail.kind, subject=mail.subject[:300])
                for k in mail.keys
            )
    except IntegrityError:
        return False
    return True


def send_once(mail: Mail) -> str:
    """Claim `mail` (once per user and key) and send it: "sent", "failed" (not retried: at most
    once) or "claimed" (another run has it). Called after the deciding transaction commits."""
    if not claim(mail):
        return "claimed"
    try:
        EmailMessage(mail.subject, mail.body, to=[mail.user.email]).send()
    except OSError:
        return "failed"
    return "sent"


def deliver(mails: list[Mail]) -> int:
    """Send each mail once (send_once); how many went."""
    return sum(send_once(mail) == "sent" for mail in mails)


def send_due(now=None) -> dict[str, int]:
    """Decide and send every mail due now. Returns how many mails of each kind went out.

    Safe to run every few minutes and from two places at once.
    """
    now = now or timezone.now()
    counts = {PERIOD_OPEN: 0, CLOSING_SOON: 0, REPLY_DIGEST: 0, "failed": 0}
    with translation.override(settings.LANGUAGE_CODE):
        mails = due_period_open(now) + due_closing_soon(now) + due_reply_digests(now)
        for mail in mails:
            outcome = send_once(mail)
            if outcome != "claimed":
                counts[mail.kind if outcome == "sent" else "failed"] += 1
    return counts
