"""The committee's report (とりまとめ): editions, their outline, numbered paragraphs, the links to
questions and comments, the disposition (対応) of every comment per edition, and the history."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.bases import Created, Stamped, Updated, UpdatedBy, Versioned
from core.history import ChangeRecord


class Report(Created):
    """A report (とりまとめ) of the committee; its content lives in its editions."""

    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title


class Edition(Versioned, Stamped):
    """One edition of a report (骨子案, 案, 最終) discussed at a meeting; draft until shared."""

    class Kind(models.TextChoices):
        OUTLINE = "outline", pgettext_lazy("edition", "Outline")
        DRAFT = "draft", pgettext_lazy("edition", "Draft")
        FINAL = "final", pgettext_lazy("edition", "Final")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("edition status", "Draft (secretariat only)")
        SHARED = "shared", pgettext_lazy("edition status", "Shared with members")
        PUBLISHED = "published", pgettext_lazy("edition status", "Published")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="editions", verbose_name=_("report")
    )
    kind = models.CharField(_("edition"), max_length=10, choices=Kind.choices)
    meeting = models.ForeignKey(
        "committee.Meeting",
        on_delete=models.PROTECT,
        related_name="report_editions",
        verbose_name=_("meeting"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="edition_kind_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report.title}（{self.get_kind_display()}）"


class Section(Versioned, Updated):
    """A chapter or a section of an edition's outline; position is 1..n within the edition."""

    class Level(models.IntegerChoices):
        CHAPTER = 1, _("Chapter")
        SECTION = 2, _("Section")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sections", verbose_name=_("edition")
    )
    position = models.PositiveIntegerField(_("position"))
    level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.CHAPTER
    )
    title = models.CharField(_("heading"), max_length=200)

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            # Deferred so a move can swap two positions inside one transaction.
            models.UniqueConstraint(
                fields=["edition", "position"],
                name="report_section_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Paragraph(Versioned, Updated):
    """A numbered paragraph (Markdown). `number` is stable: it never changes when paragraphs
    move, is never reused in the report, and the copy in the next edition keeps it, so a
    paragraph can be addressed (and compared) across editions."""

    BODY_MAX_LENGTH = 8000

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("edition")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("section")
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.PositiveIntegerField(_("paragraph number"))
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    # Rendered by policies.markdown (the comments' sanitiser) whenever the body is written.
    body_html = models.TextField(_("rendered text"), blank=True, editable=False)
    questions = models.ManyToManyField(
        "policies.Question",
        blank=True,
        related_name="report_paragraphs",
        verbose_name=_("questions answered"),
    )

    class Meta:
        ordering = ["section__position", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"],
                name="report_paragraph_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(
                fields=["edition", "number"], name="report_paragraph_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"¶{self.number} {self.body[:40]}"


class ParagraphComment(Created):
    """A comment a paragraph reflects (its source)."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="comment_links")
    comment = models.ForeignKey(
        "policies.Comment", on_delete=models.CASCADE, related_name="report_links"
    )

    class Meta:
        ordering = ["paragraph", "id"]
        verbose_name = _("source comment")
        verbose_name_plural = _("source comments")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "comment"], name="report_paragraph_comment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph_id} ← {self.comment_id}"


class Disposition(Versioned, UpdatedBy):
    """What an edition does with one comment (対応), with the secretariat's reasoning (考え方)."""

    class Kind(models.TextChoices):
        REFLECTED = "reflected", pgettext_lazy("disposition", "Reflected")
        PARTIAL = "partial", pgettext_lazy("disposition", "Partly reflected")
        FUTURE = "future", pgettext_lazy("disposition", "Future consideration")
        NOT_REFLECTED = "not_reflected", pgettext_lazy("disposition", "Not reflected")
        ANSWERED = "answered", pgettext_lazy("disposition", "Answered")

    REASONING_MAX_LENGTH = 4000

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="dispositions", verbose_name=_("edition")
    )
    comment = models.ForeignKey(
        "policies.Comment",
        on_delete=models.CASCADE,
        related_name="report_dispositions",
        verbose_name=_("comment"),
    )
    kind = models.CharField(_("disposition"), max_length=15, choices=Kind.choices)
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispositions",
        verbose_name=_("paragraph"),
    )
    reasoning = models.TextField(_("reasoning"), blank=True, max_length=REASONING_MAX_LENGTH)
    answer_material = models.ForeignKey(
        "committee.Material",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("material with the answer"),
    )

    class Meta:
        ordering = ["edition", "comment"]
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "comment"], name="report_disposition_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="reflected") | ~Q(reasoning=""),
                name="report_disposition_reasoning_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.comment_id}"


class ReportChange(ChangeRecord):
    """One recorded change to a report (core.history.ChangeRecord), filed under its edition."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("edition"),
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("report change")
        verbose_name_plural = _("report history")


# Registered in this app; they live in reports.review (issue 16).
from reports.review.models import ParagraphReview, ParagraphReviewRevision, ReviewPeriod  # noqa: E402

__all__ = [
    "Disposition",
    "Edition",
    "Paragraph",
    "ParagraphComment",
    "ParagraphReview",
    "ParagraphReviewRevision",
    "Report",
    "ReportChange",
    "ReviewPeriod",
    "Section",
]
