"""Review mail: members told when a review opens, and reminded 48 hours before it closes if
they have not reviewed the edition yet. Each mail once: policies.notifications decides it
(the same Mail, the same NotificationLog keys claimed under the user's lock, at most once)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import NotificationLog
from policies.notifications import REMINDER_WINDOW, Mail, _recipients, _site_url, claim, key_stamp
from reports.review.models import ParagraphReview, ReviewPeriod

REVIEW_OPEN = "review-open"
REVIEW_CLOSING = "review-closing-48h"


def _open_periods(now):
    return ReviewPeriod.objects.open_at(now).select_related("edition__report", "edition__meeting")


def _key(kind: str, period: ReviewPeriod, at) -> str:
    return f"{kind}:edition-{period.edition_id}:{key_stamp(at)}"


def _mail(user, kind: str, periods: list, keys: list[str]) -> Mail:
    items = [
        (p, _site_url() + reverse("reports:edition-detail", args=[p.edition_id])) for p in periods
    ]
    ctx = {"user": user, "items": items}
    subject = render_to_string(f"reports/review/mail/{kind}_subject.txt", ctx).strip()
    body = render_to_string(f"reports/review/mail/{kind}.txt", ctx)
    return Mail(user, kind, keys, " ".join(subject.split()), body)


def _due(now, kind: str) -> list[Mail]:
    periods = list(_open_periods(now))
    if kind == REVIEW_CLOSING:
        periods = [p for p in periods if p.closes_at <= now + REMINDER_WINDOW]
    if not periods:
        return []
    keyed = [
        (p, _key(kind, p, p.opens_at if kind == REVIEW_OPEN else p.closes_at)) for p in periods
    ]

    sent = set(
        NotificationLog.objects.filter(key__in=[k for _p, k in keyed]).values_list("user_id", "key")
    )
    reviewed = set(
        ParagraphReview.objects.filter(
            paragraph__edition__in=[p.edition_id for p in periods], deleted_at__isnull=True
        ).values_list("author_id", "paragraph__edition_id")
    )
    mails = []
    for user in _recipients():
        due = [
            (p, k)
            for p, k in keyed
            if (user.pk, k) not in sent
            and (kind == REVIEW_OPEN or (user.pk, p.edition_id) not in reviewed)
        ]
        if due:
            mails.append(_mail(user, kind, [p for p, _k in due], [k for _p, k in due]))
    return mails


def send_review_mail(now=None) -> dict[str, int]:
    """Decide and send the review mail due now; safe to run every few minutes, twice at once."""
    now = now or timezone.now()
    counts = {REVIEW_OPEN: 0, REVIEW_CLOSING: 0, "failed": 0}
    with translation.override(settings.LANGUAGE_CODE):
        for mail in _due(now, REVIEW_OPEN) + _due(now, REVIEW_CLOSING):
            if not claim(mail):
                continue
            try:
                EmailMessage(mail.subject, mail.body, to=[mail.user.email]).send()
            except OSError:
                counts["failed"] += 1
                continue
            counts[mail.kind] += 1
    return counts
