"""Mail the desk's period changes to the members, through the notification service.

Opening goes through policies.notifications as it is: the period-open mails that are due now
(keyed by perspective and opening time in NotificationLog, so the cron's send_notifications and
the desk never send the same one twice). Extending has its own key (the new closing time), and
is claimed and sent the same way, once, after the transaction that moved the deadline commits.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from policies.digest import active_members
from policies.models import Perspective, Question

# _question_url: the same absolute links as every other mail (one rule for SITE_URL).
from policies.notifications import Mail, _question_url, deliver, due_period_open, key_stamp

PERIOD_EXTENDED = "period-extended"


def announce_opened(now=None) -> int:
    """Send the period-open mails due now (what the next send_notifications run would send)."""
    with translation.override(settings.LANGUAGE_CODE):
        return deliver(due_period_open(now or timezone.now()))


def announce_opened_after_commit() -> None:
    transaction.on_commit(announce_opened)


def _extended_questions(obj, now) -> list[Question]:
    """The published questions whose deadline `obj`'s new close sets, open now."""
    if isinstance(obj, Perspective):
        candidates = Question.objects.filter(perspective=obj, closes_at__isnull=True)
    else:
        candidates = Question.objects.filter(pk=obj.pk)
    questions = candidates.published().select_related("perspective").order_by("position")
    return [q for q in questions if q.is_open(now)]


def due_extended(obj, now=None) -> list[Mail]:
    """One mail per member with an e-mail address, unless already told of this deadline."""
    now = now or timezone.now()
    questions = _extended_questions(obj, now)
    if not questions:
        return []
    closes = questions[0].effective_closes_at
    kind = "perspective" if isinstance(obj, Perspective) else "question"
    key = f"{PERIOD_EXTENDED}:{kind}-{obj.pk}:{key_stamp(closes)}"
    ctx = {"questions": [(q, _question_url(q)) for q in questions], "closes": closes}
    mails = []
    for user in active_members().exclude(email="").exclude(notifications__key=key):
        ctx["user"] = user
        subject = render_to_string("policies/desk/mail/period_extended_subject.txt", ctx)
        body = render_to_string("policies/desk/mail/period_extended.txt", ctx)
        mails.append(Mail(user, PERIOD_EXTENDED, [key], " ".join(subject.split()), body))
    return mails


def announce_extended(obj, now=None) -> int:
    with translation.override(settings.LANGUAGE_CODE):
        return deliver(due_extended(obj, now))


def announce_extended_after_commit(obj) -> None:
    transaction.on_commit(lambda: announce_extended(obj))
