"""History and locking shared by every committee write: snapshots, the ChangeLog row, the
versioned UPDATE that refuses a stale edit, and the meeting lock that orders agenda writes."""

from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_change
from committee.models import ChangeLog, Hearing, Meeting
from core.errors import Refusal

STALE = _(
    "Someone else saved this while you were editing, so nothing was saved. "
    "Reload the page to see the current values."
)


class StaleEdit(Refusal):
    """Someone saved the object after the editor loaded it (409): `current` holds the saved
    row (None when it was deleted), which the edit pages show next to what was typed."""

    status = 409

    def __init__(self, current):
        super().__init__(STALE)
        self.current = current


def snapshot(obj, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def meeting_id_of(obj) -> int | None:
    """The meeting whose history lists `obj`; None for objects outside any meeting (the
    consultation desk's perspectives and questions log here too)."""
    if isinstance(obj, Meeting):
        return obj.pk
    if isinstance(obj, Hearing):
        return obj.agenda_item.meeting_id
    return getattr(obj, "meeting_id", None)


def log(*, obj, action, by, before=None, after=None, meeting_id=None) -> ChangeLog:
    """The history row of one change to `obj`, under its meeting (or `meeting_id`); the change
    (and a change of publication, as its own entry) also goes to the site-wide audit trail."""
    audit_change(actor=by, obj=obj, change=action, before=before, after=after)
    meeting_id = meeting_id if meeting_id is not None else meeting_id_of(obj)
    return ChangeLog.record(
        obj, action=action, by=by, before=before, after=after, meeting_id=meeting_id
    )


def log_create(obj, *, fields: list[str], by, meeting_id=None) -> ChangeLog:
    """The CREATE entry of a new object, with its values."""
    return log(
        obj=obj,
        meeting_id=meeting_id,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=snapshot(obj, fields),
    )


def log_update(obj, *, before: dict, after: dict, by, meeting_id=None) -> ChangeLog:
    """The UPDATE entry of a saved change, with the values before and after."""
    action = ChangeLog.Action.UPDATE
    return log(obj=obj, meeting_id=meeting_id, action=action, by=by, before=before, after=after)


def log_delete(obj, *, before: dict, by, meeting_id=None) -> ChangeLog:
    """The DELETE entry of an object about to be deleted, with its last values."""
    return log(obj=obj, meeting_id=meeting_id, action=ChangeLog.Action.DELETE, by=by, before=before)


def update_versioned(model, obj, *, version: int, fields: list[str], values: dict):
    """UPDATE ... WHERE pk = obj.pk AND version = n; raise StaleEdit when no row matched.

    Returns (before, after): the snapshot of the row as it was in the database (not of `obj`,
    which a bound ModelForm may already have changed in memory) and the updated row.
    """
    row = model.objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        raise StaleEdit(None)
    before = snapshot(row, fields)
    stamp = {"updated_at": timezone.now()} if hasattr(row, "updated_at") else {}
    changed = model.objects.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, **stamp, **values
    )
    if not changed:
        raise StaleEdit(row)
    row.refresh_from_db()
    return before, row


def editable(values: dict, *names: str) -> dict:
    """The values of an edit service's `**values`, which must be exactly `names` (a wrong or
    missing name is the caller's error, as with named keyword arguments)."""
    unknown = set(values) - set(names)
    if unknown:
        raise TypeError(f"not editable here: {', '.join(sorted(unknown))}")
    return {name: values[name] for name in names}


def update_logged(obj, *, version: int, fields: list[str], values: dict, by):
    """update_versioned, then the UPDATE entry with the row before and after."""
    before, row = update_versioned(type(obj), obj, version=version, fields=fields, values=values)
    log_update(row, before=before, after=snapshot(row, fields), by=by)
    return row


def lock_meeting(meeting_id: int) -> Meeting:
    # Every agenda write locks the meeting row first, so concurrent writers queue up and
    # each sees the positions the previous one committed.
    return Meeting.objects.select_for_update().get(pk=meeting_id)
