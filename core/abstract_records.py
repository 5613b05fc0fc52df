"""Model pieces that several apps' tables share as one concept: abstract fields, constraints
(no tables here)."""

from django.db import models


class Versioned(models.Model):
    """A row edited under optimistic locking: a writer saves only if `version` is still the one
    the editor loaded, and bumps it; `updated_at` is the time of the last write."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def unique_position(scope: str, *, name: str) -> models.UniqueConstraint:
    """Positions unique within `scope`, checked at commit so that a move can swap two rows'
    positions inside one transaction."""
    return models.UniqueConstraint(
        fields=[scope, "position"], name=name, deferrable=models.Deferrable.DEFERRED
    )
