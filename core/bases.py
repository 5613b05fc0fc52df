"""Abstract model bases for fields that mean the same in every app: the optimistic-locking
version, the created/updated stamps, and the `published()` filter. Inheriting them changes no
table (the fields are the same as written out before), so adopting them needs no migration."""

from django.db import models


class Versioned(models.Model):
    """A row edited with optimistic locking: each versioned save (`UPDATE … WHERE version = n`,
    committee.services.history.update_versioned) adds one, so a stale edit is refused."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Stamped(models.Model):
    """When the row was created and last saved."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublishedQuerySet(models.QuerySet):
    """For models with an `is_published` flag (drafts are the secretariat's alone)."""

    def published(self):
        return self.filter(is_published=True)
