"""Writes to a meeting's agenda items: create, edit, delete, move; positions stay 1..n."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from committee.models import AgendaItem, ChangeLog, Meeting
from committee.services.history import (
    editable,
    lock_meeting,
    log,
    log_create,
    log_delete,
    snapshot,
    update_logged,
)

ITEM_FIELDS = ["position", "title", "description", "is_published"]


def next_position(meeting_id: int) -> int:
    """The position after the meeting's last item (the caller holds the meeting lock)."""
    last = AgendaItem.objects.filter(meeting_id=meeting_id).aggregate(m=Max("position"))["m"]
    return (last or 0) + 1


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, title: str, description: str = "", is_published: bool = True, by
) -> AgendaItem:
    """Secretariat: append an agenda item at the end of the meeting's agenda."""
    lock_meeting(meeting.pk)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=next_position(meeting.pk),
        title=title,
        description=description,
        is_published=is_published,
    )
    log_create(item, fields=ITEM_FIELDS, by=by, meeting_id=meeting.pk)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, version: int, by, **values) -> AgendaItem:
    """Secretariat: change an item's title, description or publication if its version is
    current."""
    values = editable(values, "title", "description", "is_published")
    return update_logged(item, version=version, fields=ITEM_FIELDS, values=values, by=by)


def _renumber(meeting_id: int, ordered: list[AgendaItem], *, by, action) -> None:
    """Give `ordered` positions 1..n, logging each item whose position changed."""
    for position, item in enumerate(ordered, start=1):
        if item.position == position:
            continue
        before = snapshot(item, ITEM_FIELDS)
        AgendaItem.objects.filter(pk=item.pk).update(
            position=position, version=F("version") + 1, updated_at=timezone.now()
        )
        item.position = position
        log(
            obj=item,
            meeting_id=meeting_id,
            action=action,
            by=by,
            before=before,
            after=snapshot(item, ITEM_FIELDS),
        )


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    """Secretariat: delete an item (and its hearings) and close the gap in the numbering."""
    meeting_id = item.meeting_id
    lock_meeting(meeting_id)
    before = snapshot(item, ITEM_FIELDS)
    log_delete(item, meeting_id=meeting_id, before=before, by=by)
    AgendaItem.objects.filter(pk=item.pk).delete()
    rest = list(
        AgendaItem.objects.select_for_update().filter(meeting_id=meeting_id).order_by("position")
    )
    _renumber(meeting_id, rest, by=by, action=ChangeLog.Action.MOVE)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> AgendaItem:
    """Secretariat: move an item one place "up" or "down"; positions stay 1..n.

    Works from the committed order (not the order the caller saw), so two people moving
    items at the same time both take effect one after the other, without gaps or duplicates.
    """
    if direction not in ("up", "down"):
        raise ValueError(direction)
    lock_meeting(item.meeting_id)
    ordered = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("position", "id")
    )
    index = next((i for i, other in enumerate(ordered) if other.pk == item.pk), None)
    if index is None:
        raise AgendaItem.DoesNotExist
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(item.meeting_id, ordered, by=by, action=ChangeLog.Action.MOVE)
    return AgendaItem.objects.get(pk=item.pk)
