"""A report paragraph's reviews on the moderation page (core.moderation), next to the question
comments: hidden and shown again by reports.review.services through the same audited path
(policies.commenting.set_hidden); their moderation history is the audit trail's. Imported by
ReportsConfig.ready()."""

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from audit import actions
from audit.models import AuditEntry
from core.moderation import ModerationEntry, ModerationKind, ModerationRow, register
from policies.markdown import render_markdown
from policies.models import ModerationEvent
from reports.access import visible_editions
from reports.review.access import access_review
from reports.review.models import ParagraphReview
from reports.review.services import review_hide, review_unhide

LIST_SIZE = 100
AUDITED = {"object_app": "reports", "object_model": "paragraphreview", "action": actions.MODERATE}


def _entry(audit: AuditEntry) -> ModerationEntry:
    after = audit.after or {}
    action = ModerationEvent.Action.HIDE if after.get("hidden") else ModerationEvent.Action.UNHIDE
    return ModerationEntry(
        audit.created_at, action.label, after.get("reason", ""), audit.actor_name
    )


def _history(pks: list[int]) -> dict[int, list[ModerationEntry]]:
    """Each review's moderation actions, newest first, from the audit trail (one query)."""
    history: dict[int, list] = {}
    entries = AuditEntry.objects.filter(object_pk__in=[str(pk) for pk in pks], **AUDITED)
    for audit in entries.order_by("-created_at", "-id"):
        history.setdefault(int(audit.object_pk), []).append(_entry(audit))
    return history


def _url(review: ParagraphReview) -> str:
    return reverse("reports:review-paragraph", args=[review.paragraph_id]) + f"#review-{review.pk}"


def _row(review: ParagraphReview, history: dict) -> ModerationRow:
    paragraph = review.paragraph
    return ModerationRow(
        kind="review",
        obj=review,
        badge=review.get_kind_display() if review.is_suggestion else review.get_stance_display(),
        # Stored by render_markdown (sanitised) when written.
        body_html=mark_safe(review.body_html or render_markdown(review.body)),  # noqa: S308
        url=_url(review),
        context=f"{paragraph.edition} ¶{paragraph.number}",
        history=history.get(review.pk, []),
    )


def _reviews():
    return ParagraphReview.objects.select_related("author", "paragraph__edition__report").order_by(
        "-created_at", "-id"
    )


def _rows(user, hidden_only: bool) -> list[ModerationRow]:
    qs = _reviews().filter(paragraph__edition__in=visible_editions(user))
    if hidden_only:
        qs = qs.filter(is_hidden=True)
    reviews = list(qs[:LIST_SIZE])
    history = _history([r.pk for r in reviews])
    return [_row(r, history) for r in reviews]


def _one(user, pk) -> ModerationRow:
    review = _reviews().get(pk=access_review(user, pk, staff=True).pk)
    return _row(review, _history([review.pk]))


def _records(limit: int) -> list[ModerationEntry]:
    entries = list(AuditEntry.objects.filter(**AUDITED).order_by("-created_at", "-id")[:limit])
    reviews = _reviews().in_bulk([int(a.object_pk) for a in entries])
    records = []
    for audit in entries:
        entry = _entry(audit)
        review = reviews.get(int(audit.object_pk))
        if review is not None:
            entry.url, entry.label = _url(review), f"¶{review.paragraph.number} #{review.pk}"
        records.append(entry)
    return records


LABEL = _("Reviews of report paragraphs")
# In ModerationKind's order: key, label, order, rows, row, hide, unhide, records.
KIND = ModerationKind("review", LABEL, 20, _rows, _one, review_hide, review_unhide, _records)
register(KIND)
