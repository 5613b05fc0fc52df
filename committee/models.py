"""Meetings of the committee: agendas, hearings, materials, minutes and their change history."""

import re
import uuid
from pathlib import PurePath

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.bases import PublishedQuerySet, Stamped, UpdatedBy, Versioned, user_ref
from core.history import ChangeRecord
from core.search import DeferSearchVectorManager, search_vector_field


class Meeting(Versioned, Stamped):
    """One meeting (第N回). Its date is a day and time, or a tentative period (4月～5月頃)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    period_start = models.DateField(_("tentative period from"), null=True, blank=True)
    period_end = models.DateField(_("tentative period to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    is_published = models.BooleanField(_("published"), default=False)
    internal_note = models.TextField(_("internal note"), blank=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="meeting_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="meeting_times_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_tentative(self) -> bool:
        return self.starts_at is None


class AgendaItem(Versioned, Stamped):
    """An item (議題) on a meeting's agenda; position is 1..n within the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    # Bigram tsvector for the site search, kept by PostgreSQL (see core.search).
    search_vector = search_vector_field("title", "description")

    objects = DeferSearchVectorManager.from_queryset(PublishedQuerySet)()

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            # Deferred so a reorder can swap two positions inside one transaction.
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="agenda_item_position_positive"
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="agenda_item_search_idx")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Hearing(Versioned):
    """A hearing (ヒアリング): who is heard on which agenda item."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("agenda item")
    )
    speaker = models.CharField(_("speaker"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_by = user_ref()

    class Meta:
        ordering = ["agenda_item", "id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return self.speaker


class Material(Versioned, Stamped):
    """A numbered meeting material (資料1, 資料2-1, 参考資料1); its files are versions."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="materials", verbose_name=_("meeting")
    )
    number = models.CharField(_("material number"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    is_published = models.BooleanField(_("published"), default=False)
    # Bigram tsvector for the site search, kept by PostgreSQL (see core.search).
    search_vector = search_vector_field("title", "number")

    objects = DeferSearchVectorManager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="material_number_unique"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="material_search_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def sort_key(self) -> tuple:
        """資料 before 参考資料, then by the numbers (資料2 < 資料2-1 < 資料10)."""
        kind = 1 if self.number.startswith("参考") else 0
        numbers = tuple(int(n) for n in re.findall(r"\d+", self.number))
        return (kind, numbers, self.number)


def material_upload_to(instance, filename: str) -> str:
    # The stored name never reuses the uploaded name: it is only kept as metadata.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"materials/{instance.material.meeting_id}/{uuid.uuid4().hex}{suffix}"


class MaterialVersion(models.Model):
    """One uploaded file of a material; replacing a file adds a version and keeps the old ones."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="versions", verbose_name=_("material")
    )
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=120)
    uploaded_by = user_ref(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["material", "-uploaded_at", "-id"]
        verbose_name = _("material version")
        verbose_name_plural = _("material versions")

    def __str__(self) -> str:
        return self.original_name


class Minutes(Versioned, UpdatedBy):
    """The minutes (議事録) of a meeting: plain text, draft until published."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    body = models.TextField(_("minutes"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)


class ChangeLog(ChangeRecord):
    """One recorded change (who, when, before, after), written by the service that made it."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("meeting"),
    )

    class Meta(ChangeRecord.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("change history")
