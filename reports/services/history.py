"""The history rows every report write records, and the locks writers take in the same order."""

from typing import Any

from audit.services import audit_change
from reports.models import Edition, ReportChange


def snapshot(obj, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def log(*, obj, edition_id, action, by, before=None, after=None) -> ReportChange:
    # Every report write (publishing an edition too) is in the site-wide audit trail as well.
    audit_change(actor=by, obj=obj, change=action, before=before, after=after)
    return ReportChange.record(
        obj, action=action, by=by, before=before, after=after, edition_id=edition_id
    )


def log_values(obj, action: str, fields: list[str], *, by, before=None) -> ReportChange:
    """Log `action` on an edition's `obj` with its `fields`: what a deleted row was, what a
    created, changed or moved row became (after `before`)."""
    values = snapshot(obj, fields)
    if action == ReportChange.Action.DELETE:
        before, values = values, None
    return log(
        obj=obj, edition_id=obj.edition_id, action=action, by=by, before=before, after=values
    )


def lock_edition(edition_id: int) -> Edition:
    # Every outline write locks the edition row first (as the agenda services lock the
    # meeting), so concurrent writers queue up and each sees the committed positions.
    return Edition.objects.select_for_update().get(pk=edition_id)
