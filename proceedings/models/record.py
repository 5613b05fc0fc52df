"""Minutes by speaker: 議事要旨 and 議事録 as statements per agenda item, their confirmation
(議事録確認) by each member who spoke, and the corrections members propose."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from committee.models import AgendaItem, Hearing, Meeting
from core.bases import Created, Updated, Versioned, user_ref
from core.search import DeferSearchVectorManager, search_vector_field


class Record(Versioned, Updated):
    """The 議事要旨 (summary) or the 議事録 (full record) of one meeting."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("Summary of proceedings")
        FULL = "full", _("Minutes")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMING = "confirming", _("Out for confirmation")
        PUBLISHED = "published", _("Published")

    class Basis(models.TextChoices):
        ALL_CONFIRMED = "all_confirmed", _("All speakers confirmed")
        DEADLINE_PASSED = "deadline_passed", _("The confirmation deadline passed")
        NOT_REQUIRED = "not_required", _("No confirmation required")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="records", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    confirm_deadline = models.DateTimeField(_("confirmation deadline"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent for confirmation at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_basis = models.CharField(
        _("published because"), max_length=20, choices=Basis.choices, blank=True
    )

    class Meta:
        ordering = ["meeting", "kind"]
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="record_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.get_kind_display()}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Statement(Versioned):
    """One statement: who spoke (a member, the secretariat, a hearing speaker) and what."""

    class Speaker(models.TextChoices):
        MEMBER = "member", _("Member")
        SECRETARIAT = "secretariat", _("Secretariat")
        HEARING = "hearing", _("Hearing speaker")
        OTHER = "other", _("Other (not a member)")

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="statements", verbose_name=_("record")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveIntegerField(_("position"))
    speaker_kind = models.CharField(_("speaker kind"), max_length=12, choices=Speaker.choices)
    speaker_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )
    speaker_hearing = models.ForeignKey(
        Hearing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The speaker as the minutes print it (e.g. 「A委員」, 「事務局」).
    speaker_label = models.CharField(_("speaker as printed"), max_length=100)
    text = models.TextField(_("statement"))
    search_vector = search_vector_field("speaker_label", "text")

    objects = DeferSearchVectorManager()

    class Meta:
        ordering = ["record", "position"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(fields=["record", "position"], name="statement_position"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="statement_search_idx")]

    def __str__(self) -> str:
        return f"{self.speaker_label}: {self.text[:40]}"


class Confirmation(models.Model):
    """A member asked to confirm their own statements in a record, and whether they did."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="confirmations", verbose_name=_("record")
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The member answered by proposing corrections (still an answer to the request).
    with_corrections = models.BooleanField(_("with corrections"), default=False)

    class Meta:
        ordering = ["record", "member__display_name", "member__username"]
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [
            models.UniqueConstraint(fields=["record", "member"], name="confirmation_once")
        ]

    def __str__(self) -> str:
        return f"{self.record} {self.member}"


class Correction(Created):
    """A correction a speaker proposed to one of their statements (shown as tracked changes)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DISCUSS = "discuss", _("To be discussed")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="corrections")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The statement's version and text the member corrected: a later change makes it stale.
    base_version = models.PositiveIntegerField()
    original_text = models.TextField(_("original"))
    proposed_text = models.TextField(_("proposed text"))
    note = models.TextField(_("note to the secretariat"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    response = models.TextField(_("secretariat's reply"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = user_ref()

    class Meta:
        ordering = ["statement", "created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.statement_id} {self.get_status_display()}"
