"""Evidence the secretariat ties to a question: a statistics series, a reference-figure topic,
a support scheme or a measure."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.bases import user_ref
from dispatch_stats.charts import topic_label
from dispatch_stats.models import Direction, Term
from policies.models.consultation import Question
from policies.models.strategy import Measure


def series_title(direction: str, term: str) -> str:
    return gettext("%(direction)s researchers, %(term)s") % {
        "direction": Direction(direction).label,
        "term": Term(term).label,
    }


def measure_title(measure: Measure) -> str:
    """ASPIRE（先端国際共同研究推進事業）, or the bare name when it has no abbreviation."""
    if measure.abbreviation and measure.abbreviation != measure.name:
        return f"{measure.abbreviation}（{measure.name}）"
    return measure.name


class Evidence(models.Model):
    """One piece of evidence the secretariat ties to a question: a statistics series, a
    reference-figure topic, a support scheme or a measure (exactly one of them)."""

    class Kind(models.TextChoices):
        SERIES = "series", _("Statistics series")
        REFERENCE = "reference", _("Reference figures")
        SCHEME = "scheme", _("Support scheme")
        MEASURE = "measure", _("Measure")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("question")
    )
    position = models.PositiveIntegerField(_("position"), default=1)
    # A statistics series is direction + term (dispatch_stats picks the source per series).
    series_direction = models.CharField(
        _("series direction"), max_length=10, choices=Direction.choices, blank=True
    )
    series_term = models.CharField(
        _("series term"), max_length=10, choices=Term.choices, blank=True
    )
    reference_topic = models.CharField(_("reference-figure topic"), max_length=100, blank=True)
    # PROTECT: a scheme or measure that a question relies on is unlinked first, on purpose.
    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("support scheme"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("measure"),
    )
    note = models.CharField(_("note by the secretariat"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("linked at"), default=timezone.now)
    created_by = user_ref(_("linked by"))

    class Meta:
        ordering = ["question", "position", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(series_direction="", series_term="")
                    | (~Q(series_direction="") & ~Q(series_term=""))
                )
                & (
                    (
                        ~Q(series_direction="")
                        & Q(reference_topic="", scheme__isnull=True, measure__isnull=True)
                    )
                    | (
                        ~Q(reference_topic="")
                        & Q(series_direction="", scheme__isnull=True, measure__isnull=True)
                    )
                    | Q(
                        scheme__isnull=False,
                        series_direction="",
                        reference_topic="",
                        measure__isnull=True,
                    )
                    | Q(
                        measure__isnull=False,
                        series_direction="",
                        reference_topic="",
                        scheme__isnull=True,
                    )
                ),
                name="evidence_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["question", "series_direction", "series_term"],
                condition=~Q(series_direction=""),
                name="evidence_series_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "reference_topic"],
                condition=~Q(reference_topic=""),
                name="evidence_reference_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "scheme"],
                condition=Q(scheme__isnull=False),
                name="evidence_scheme_unique_per_question",
            ),
            models.UniqueConstraint(
                fields=["question", "measure"],
                condition=Q(measure__isnull=False),
                name="evidence_measure_unique_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.target_key}"

    @property
    def kind(self) -> str:
        if self.series_direction:
            return self.Kind.SERIES
        if self.reference_topic:
            return self.Kind.REFERENCE
        if self.scheme_id:
            return self.Kind.SCHEME
        return self.Kind.MEASURE

    @property
    def title(self) -> str:
        """A short name of the linked item (join scheme and measure first)."""
        kind = self.kind
        if kind == self.Kind.SERIES:
            return series_title(self.series_direction, self.series_term)
        if kind == self.Kind.REFERENCE:
            return topic_label(self.reference_topic)
        if kind == self.Kind.SCHEME:
            return self.scheme.name_ja
        return measure_title(self.measure)

    @property
    def target_key(self) -> str:
        """The target as one token, e.g. "series:outbound:mid_long" or "scheme:12" (pickers)."""
        if self.series_direction:
            return f"series:{self.series_direction}:{self.series_term}"
        if self.reference_topic:
            return f"reference:{self.reference_topic}"
        if self.scheme_id:
            return f"scheme:{self.scheme_id}"
        return f"measure:{self.measure_id}"
