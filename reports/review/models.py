"""Review of a shared edition: its period, the members' paragraph reviews and their history.

Imported by reports.models so Django registers them in the reports app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bases import Updated, Versioned, user_ref
from core.dates import local_day, local_minute
from policies.models import Comment
from policies.models.comments import CommentText, CommentTextQuerySet, token_unique
from policies.models.consultation import CommentPeriod


class ReviewPeriodQuerySet(models.QuerySet):
    def open_at(self, now):
        """The periods open at `now` (the window below) on an edition still shared (委員限り):
        the reviews members are asked for."""
        # Here, not at the top: reports.models imports this module.
        from reports.models import Edition

        return self.filter(
            opens_at__lte=now, closes_at__gt=now, edition__status=Edition.Status.SHARED
        )


class ReviewPeriod(Versioned, Updated):
    """When members may review an edition. The one place of the rule "open now": opens_at <=
    now < closes_at (the same half-open window as a question's comment period)."""

    edition = models.OneToOneField(
        "reports.Edition",
        on_delete=models.CASCADE,
        related_name="review_period",
        verbose_name=_("edition"),
    )
    opens_at = models.DateTimeField(_("review opens"))
    closes_at = models.DateTimeField(_("review closes"))

    objects = ReviewPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("review period")
        verbose_name_plural = _("review periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="review_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition_id}: {local_day(self.opens_at)} – {local_day(self.closes_at)}"

    # No period set yet: never open (the comment period's NOT_SET).
    NO_WINDOW = CommentPeriod(None, None)

    @property
    def window(self) -> CommentPeriod:
        """The comment period's one rule ([opens_at, closes_at)), as for questions."""
        return CommentPeriod(self.opens_at, self.closes_at)

    def is_open(self, now=None) -> bool:
        return self.window.is_open(now)


class ParagraphReview(CommentText):  # noqa: DJ008 - __str__ is CommentText's
    """A member's comment on a paragraph (with a stance) or a wording suggestion (修文案:
    suggested text and the reason), with the secretariat's disposition of a suggestion.

    Like a question's Comment: idempotency token, soft delete, hiding, revisions on edit."""

    class Kind(models.TextChoices):
        COMMENT = "comment", pgettext_lazy("review", "Comment")
        SUGGESTION = "suggestion", pgettext_lazy("review", "Wording suggestion")

    class Disposition(models.TextChoices):
        ADOPTED = "adopted", pgettext_lazy("suggestion", "Adopted")
        PARTIAL = "partial", pgettext_lazy("suggestion", "Partly adopted")
        DECLINED = "declined", pgettext_lazy("suggestion", "Not adopted")

    # The stances a paragraph comment takes (a suggestion is always a proposal).
    COMMENT_STANCES = (Comment.Stance.SUPPORT, Comment.Stance.CONCERN, Comment.Stance.QUESTION)

    paragraph = models.ForeignKey(
        "reports.Paragraph",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("paragraph"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="paragraph_reviews",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    stance = models.CharField(_("stance"), max_length=10, choices=Comment.Stance.choices)
    body = models.TextField(_("comment or reason"), max_length=Comment.BODY_MAX_LENGTH)
    body_html = models.TextField(blank=True, editable=False)
    suggested_text = models.TextField(_("suggested text"), blank=True, max_length=8000)
    # The paragraph text the suggestion replaces (as the member loaded it): the tracked change
    # is shown against it, and a stale base is refused.
    base_text = models.TextField(_("text replaced"), blank=True)
    # CommentText's, without their labels: the table was made so (relabelling is a migration).
    hidden_by = user_ref()
    hidden_at = models.DateTimeField(null=True, blank=True)
    idempotency_token = models.UUIDField(editable=False)
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=Disposition.choices, blank=True
    )
    reasoning = models.TextField(_("reasoning"), blank=True, max_length=4000)
    disposed_by = user_ref()
    disposed_at = models.DateTimeField(null=True, blank=True)
    # The paragraph of the next edition the adopted text was written into (attribution).
    applied_to = models.ForeignKey(
        "reports.Paragraph",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applied_suggestions",
        verbose_name=_("applied to"),
    )

    objects = CommentTextQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("paragraph review")
        verbose_name_plural = _("paragraph reviews")
        constraints = [
            token_unique("paragraph_review_token_unique"),
            models.CheckConstraint(
                condition=Q(disposition__in=["", "adopted"]) | ~Q(reasoning=""),
                name="paragraph_review_reasoning_required",
            ),
            models.CheckConstraint(
                condition=Q(kind="comment") | ~Q(suggested_text=""),
                name="paragraph_review_suggestion_has_text",
            ),
        ]
        indexes = [models.Index(fields=["paragraph", "created_at"])]

    @property
    def is_suggestion(self) -> bool:
        return self.kind == self.Kind.SUGGESTION


class ParagraphReviewRevision(models.Model):
    """A previous version of a paragraph review, kept when its author edits it."""

    review = models.ForeignKey(ParagraphReview, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    stance = models.CharField(max_length=10, choices=Comment.Stance.choices)
    suggested_text = models.TextField(blank=True)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "written_at"]
        verbose_name = _("paragraph review revision")
        verbose_name_plural = _("paragraph review revisions")

    def __str__(self) -> str:
        return f"{self.review_id} @ {local_minute(self.written_at)}"
