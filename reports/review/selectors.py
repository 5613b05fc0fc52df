"""Reads of the review: a paragraph's reviews (badges, disposition labels), an edition's
paragraphs with their reviews, and the reviews still expected of a member."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from accounts.roles import can_comment, is_secretariat
from core.choices import choice_labels
from policies.models import Comment
from reports.access import visible_editions
from reports.models import Edition, Paragraph, ParagraphReview, ReviewPeriod
from reports.outputs.plain import html_to_text
from reports.selectors import edition_outline, paragraph_labels


def period_of(edition: Edition) -> ReviewPeriod | None:
    return ReviewPeriod.objects.filter(edition_id=edition.pk).first()


def _decorate(user, reviews: list[ParagraphReview]) -> list[ParagraphReview]:
    staff = is_secretariat(user)
    # Translated once per read: get_FOO_display translates every label of the field per call.
    kinds = choice_labels(ParagraphReview.Kind.choices)
    stances = choice_labels(Comment.Stance.choices)
    dispositions = choice_labels(ParagraphReview.Disposition.choices)
    for r in reviews:
        # Hidden and deleted reviews stay in the thread as placeholders (their text only for
        # the secretariat, who must see what it hid).
        r.shown = staff or r.is_shown
        r.mine = r.author_id == user.pk
        # The badge: a suggestion's kind, a comment's stance (as get_FOO_display shows them).
        r.badge = kinds.get(r.kind, r.kind) if r.is_suggestion else stances.get(r.stance, r.stance)
        r.disposition_label = dispositions.get(r.disposition, r.disposition)
    return reviews


def _reviews():
    return (
        ParagraphReview.objects.select_related("author", "disposed_by")
        .annotate(revision_count=Count("revisions"))
        .order_by("created_at", "id")
    )


def paragraph_reviews(user, paragraph: Paragraph) -> list[ParagraphReview]:
    """The paragraph's reviews, oldest first. One query whatever their number."""
    return _decorate(user, list(_reviews().filter(paragraph_id=paragraph.pk)))


@dataclass
class ReviewPage:
    edition: Edition
    period: ReviewPeriod | None
    sections: list
    reviewed: bool


def edition_review_page(user, edition: Edition) -> ReviewPage:
    """The edition's outline with each paragraph's reviews (four queries)."""
    sections = edition_outline(edition)
    by_paragraph: dict[int, list] = {}
    for r in _decorate(user, list(_reviews().filter(paragraph__edition_id=edition.pk))):
        by_paragraph.setdefault(r.paragraph_id, []).append(r)
    reviewed = False
    for section in sections:
        for p in section.paragraphs:
            p.review_list = by_paragraph.get(p.pk, [])
            p.text = html_to_text(p.body_html)
            reviewed = reviewed or any(r.mine and not r.is_deleted for r in p.review_list)
    return ReviewPage(edition, period_of(edition), sections, reviewed)


@dataclass
class PendingParagraph:
    pk: int
    label: str
    reviewed: bool


@dataclass
class PendingReview:
    edition: Edition
    closes_at: object
    paragraphs: list[PendingParagraph]

    @property
    def reviewed_count(self) -> int:
        return sum(p.reviewed for p in self.paragraphs)


def my_reviews(user, now=None) -> list[PendingReview]:
    """「自分の論点」: the editions under review now (for a member or the secretariat), their
    deadline and each paragraph, marked when the user has reviewed it. Five queries."""
    if not can_comment(user):
        return []
    now = now or timezone.now()
    periods = list(
        ReviewPeriod.objects.open_at(now)
        .filter(edition__in=visible_editions(user))
        .select_related("edition__report", "edition__meeting")
        .order_by("closes_at")
    )
    if not periods:
        return []
    labels = paragraph_labels([p.edition_id for p in periods])
    done = set(
        ParagraphReview.objects.filter(
            author=user, deleted_at__isnull=True, paragraph_id__in=list(labels)
        ).values_list("paragraph_id", flat=True)
    )
    by_edition: dict[int, list] = {}
    for pk, edition_id in Paragraph.objects.filter(pk__in=list(labels)).values_list(
        "pk", "edition_id"
    ):
        by_edition.setdefault(edition_id, []).append(PendingParagraph(pk, labels[pk], pk in done))
    return [
        PendingReview(p.edition, p.closes_at, by_edition.get(p.edition_id, [])) for p in periods
    ]
