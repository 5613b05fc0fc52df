"""Meetings of the committee and their agenda items."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        from accounts.roles import is_secretariat

        return self if is_secretariat(user) else self.published()


class Meeting(models.Model):
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
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

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

    @property
    def sort_date(self):
        if self.starts_at:
            return self.starts_at.date()
        return self.period_start


class AgendaItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class AgendaItem(models.Model):
    """An item (議題) on a meeting's agenda; position is 1..n within the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgendaItemQuerySet.as_manager()

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

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Hearing(models.Model):
    """A hearing (ヒアリング): who is heard on which agenda item."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("agenda item")
    )
    speaker = models.CharField(_("speaker"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item", "id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return self.speaker
