"""Users of the committee workspace; roles are Django groups (see accounts.roles)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with a login: member (委員), secretariat (事務局), admin or observer."""

    class Digest(models.TextChoices):
        # Only the reply digest is optional: period openings and deadline reminders are
        # part of the committee's procedure and go to every member.
        DAILY = "daily", _("Daily digest of replies to my comments")
        NONE = "none", _("No reply digest")

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    digest_preference = models.CharField(
        _("reply digest e-mail"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )
    # The member who chairs the committee (主査): sees where every member stands (issue 16).
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class NotificationLog(models.Model):
    """One e-mail sent (or decided) for a user, keyed so the same mail never goes twice."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    # e.g. "period-open:perspective:3", "closing-48h:question-set:…", "reply-digest:2026-11-26"
    key = models.CharField(_("key"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user_key")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
