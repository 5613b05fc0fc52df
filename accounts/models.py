"""Users of the committee workspace; roles are Django groups (see accounts.roles)."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with a login: member (委員), secretariat (事務局), admin or observer."""

    class Digest(models.TextChoices):
        DAILY = "daily", _("Daily digest")
        NONE = "none", _("No e-mail")

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    digest_preference = models.CharField(
        _("e-mail digest"), max_length=10, choices=Digest.choices, default=Digest.DAILY
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
