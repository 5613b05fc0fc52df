"""Abstract model bases for fields that mean the same in every app: the optimistic-locking
version, the created/updated stamps, who saved a row last, a user a row names, and the
`published()` filter. Inheriting them changes no table (the fields are the same as written out
before), so adopting them needs no migration."""

from django.conf import settings
from django.db import models


def user_ref(verbose_name=None, *, blank=True):
    """A user a row names (who made, changed, hid or decided it): optional, and NULL once the
    account is deleted, so the row and what it records stay; no reverse accessor on User."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )


class Versioned(models.Model):
    """A row edited with optimistic locking: each versioned save (`UPDATE … WHERE version = n`,
    committee.services.history.update_versioned) adds one, so a stale edit is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Created(models.Model):
    """When the row was created."""

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Updated(models.Model):
    """When the row was last saved."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Stamped(Created, Updated):
    """When the row was created and last saved."""

    class Meta:
        abstract = True


class UpdatedBy(Updated):
    """Who saved the row last, and when (the services pass the acting user)."""

    updated_by = user_ref()

    class Meta:
        abstract = True


class PublishedQuerySet(models.QuerySet):
    """For models with an `is_published` flag (drafts are the secretariat's alone)."""

    def published(self):
        return self.filter(is_published=True)
