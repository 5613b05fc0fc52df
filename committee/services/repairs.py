"""The Django admin's saves and deletes (repairs), logged like the meeting pages' edits.

They move `version` too: a meeting-page form opened before the repair is then refused as stale
instead of silently overwriting it.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from committee.models import AgendaItem, ChangeLog, Hearing, Material, Meeting, Minutes
from committee.services.agenda import ITEM_FIELDS, agenda_item_delete, next_position
from committee.services.hearings import HEARING_FIELDS, hearing_delete
from committee.services.history import (
    StaleEdit,
    lock_meeting,
    log,
    log_delete,
    log_update,
    meeting_id_of,
    snapshot,
)
from committee.services.materials import (
    MATERIAL_FIELDS,
    material_delete,
    material_snapshot,
    normalize_number,
)
from committee.services.meetings import MEETING_FIELDS, mark_minutes_published
from committee.services.minutes import MINUTES_FIELDS

ADMIN_FIELDS = {
    Meeting: MEETING_FIELDS,
    AgendaItem: ITEM_FIELDS,
    Hearing: HEARING_FIELDS,
    Material: MATERIAL_FIELDS,
    Minutes: MINUTES_FIELDS,
}


def _admin_snapshot(obj) -> dict[str, Any]:
    if isinstance(obj, Material):
        return material_snapshot(obj, obj.versions.first() if obj.pk else None)
    return snapshot(obj, ADMIN_FIELDS[type(obj)])


def _lock_item_meeting(item_pk: int) -> bool:
    """Lock the meeting of an agenda item before the item itself: the same order as the agenda
    services (meeting, then items), so an admin repair and a move on the meeting page queue up
    instead of deadlocking. False if the item is gone."""
    meeting_id = AgendaItem.objects.filter(pk=item_pk).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        return False
    lock_meeting(meeting_id)
    return True


def _check_model(obj) -> None:
    if type(obj) not in ADMIN_FIELDS:
        raise TypeError(f"no admin change for {type(obj).__name__}")


def _normalise(obj) -> None:
    """What the meeting pages do to these values, done to the admin's too."""
    if isinstance(obj, Material):
        obj.number = normalize_number(obj.number)
    if isinstance(obj, Minutes):
        # Publishing stamps the time, withdrawing clears it.
        was_published = (
            obj.pk is not None and Minutes.objects.filter(pk=obj.pk, is_published=True).exists()
        )
        if not obj.is_published:
            obj.published_at = None
        elif not was_published or obj.published_at is None:
            obj.published_at = timezone.now()


def _admin_create(obj, *, by):
    if isinstance(obj, AgendaItem):
        lock_meeting(obj.meeting_id)
        obj.position = next_position(obj.meeting_id)
    if isinstance(obj, Hearing) and obj.created_by_id is None:
        obj.created_by = by
    obj.version = 1
    obj.save()
    log(
        obj=obj,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=_admin_snapshot(obj),
    )


def _admin_update(obj, *, by, version: int | None):
    model = type(obj)
    if isinstance(obj, AgendaItem) and not _lock_item_meeting(obj.pk):
        raise StaleEdit(None)
    row = model.objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        raise StaleEdit(None)
    if version is not None and version != row.version:
        raise StaleEdit(row)
    before = _admin_snapshot(row)
    if isinstance(obj, AgendaItem):
        obj.meeting_id, obj.position = row.meeting_id, row.position
    obj.version = row.version + 1
    obj.save()
    after = _admin_snapshot(obj)
    # A hearing moved to another meeting's agenda item shows in both meetings' histories.
    for meeting_id in dict.fromkeys([meeting_id_of(row), meeting_id_of(obj)]):
        log_update(obj, before=before, after=after, by=by, meeting_id=meeting_id)


@transaction.atomic
def admin_save(*, obj, by, version: int | None = None):
    """Admin: save a Meeting, AgendaItem, Hearing, Material or Minutes that an admin form has
    changed in memory, bump its version and log CREATE or UPDATE (before from the database row).

    `version` is the one the admin form was opened with: if the row moved since, StaleEdit and
    nothing is written (StaleEdit(None) if it was deleted). A new agenda item goes to the end
    of its meeting's agenda; an existing one keeps its meeting and position, which only the
    agenda services change, so positions stay 1..n.
    """
    _check_model(obj)
    if isinstance(obj, Minutes):
        obj.updated_by = by
    _normalise(obj)
    if obj.pk is None:
        _admin_create(obj, by=by)
    else:
        _admin_update(obj, by=by, version=version)
    if isinstance(obj, Minutes) and obj.is_published:
        mark_minutes_published(obj.meeting_id, by=by)
    return obj


@transaction.atomic
def admin_delete(*, obj, by) -> None:
    """Admin: delete a Meeting, AgendaItem, Hearing, Material or Minutes, logged like the
    meeting pages' deletes (an agenda item's meeting is renumbered 1..n). Works from the row
    as it is in the database now; a row already gone is left alone."""
    _check_model(obj)
    if isinstance(obj, AgendaItem) and not _lock_item_meeting(obj.pk):
        return
    row = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        return
    if isinstance(row, AgendaItem):
        agenda_item_delete(item=row, by=by)
    elif isinstance(row, Hearing):
        hearing_delete(hearing=row, by=by)
    elif isinstance(row, Material):
        material_delete(material=row, by=by)
    else:
        # A meeting's own log row loses its meeting (SET_NULL) with it; the entry stays.
        log_delete(row, before=_admin_snapshot(row), by=by)
        row.delete()
