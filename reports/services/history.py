"""The history rows every report write records, and the locks writers take in the same order."""

from typing import Any

from audit.services import audit_change
from reports.models import Edition, ReportChange


def snapshot(obj, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def log(*, obj, edition_id, action, by, before=None, after=None) -> ReportChange:
    # Every report write (publishing an edition too) is in the site-wide audit trail as well.
    audit_change(actor=by, obj=obj, change=action, before=before, after=after)
    return ReportChange.objects.create(
        edition_id=edition_id,
        model_name=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        actor=by,
        before=before,
        after=after,
    )


def lock_edition(edition_id: int) -> Edition:
    # Every outline write locks the edition row first (as the agenda services lock the
    # meeting), so concurrent writers queue up and each sees the committed positions.
    return Edition.objects.select_for_update().get(pk=edition_id)
