"""Attendance (出欠) per meeting: a snapshot of the member roster, with the chair (主査)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from committee.models import Meeting
from core.bases import Updated, Versioned


class Attendance(Versioned, Updated):
    """One member of one meeting's roster and how they attended.

    The roster is copied from the users with the member role when the secretariat takes it,
    so a member who leaves the committee later stays on the record of the meetings they sat in.
    """

    class Status(models.TextChoices):
        UNRECORDED = "unrecorded", _("Not recorded")
        VENUE = "venue", _("Present (venue)")
        ONLINE = "online", _("Present (online)")
        ABSENT = "absent", _("Absent")

    PRESENT = (Status.VENUE, Status.ONLINE)

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member"),
    )
    # The name as it stood on the roster that day.
    name = models.CharField(_("name"), max_length=100)
    # Who presided over this meeting (a deputy may stand in): a fact of the record, not the
    # committee's chair (accounts' User.is_chair, read through accounts.roles.is_chair), from
    # which roster_take defaults it.
    is_chair = models.BooleanField(_("chair"), default=False)
    status = models.CharField(
        _("attendance"), max_length=12, choices=Status.choices, default=Status.UNRECORDED
    )
    arrived_at = models.TimeField(_("arrived late at"), null=True, blank=True)
    left_at = models.TimeField(_("left early at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-is_chair", "name", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(is_chair=True), name="attendance_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.name}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT
