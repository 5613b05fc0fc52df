"""Writes to meetings (secretariat)."""

from django.db import transaction

from committee.models import Meeting
from committee.services.history import log_create, update_logged

MEETING_FIELDS = [
    "number",
    "title",
    "starts_at",
    "ends_at",
    "period_start",
    "period_end",
    "place",
    "is_online",
    "status",
    "is_published",
    "internal_note",
]


@transaction.atomic
def meeting_create(*, by, **values) -> Meeting:
    """Secretariat: create a meeting with the given MEETING_FIELDS values."""
    meeting = Meeting.objects.create(**{k: v for k, v in values.items() if k in MEETING_FIELDS})
    log_create(meeting, fields=MEETING_FIELDS, by=by)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int, by, **values) -> Meeting:
    """Secretariat: change a meeting if nobody saved it since `version`, else StaleEdit."""
    values = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    return update_logged(meeting, version=version, fields=MEETING_FIELDS, values=values, by=by)


def mark_minutes_published(meeting_id: int, *, by) -> None:
    """Published minutes make the meeting "minutes published" (logged like any meeting edit)."""
    fresh = Meeting.objects.get(pk=meeting_id)
    if fresh.status != Meeting.Status.MINUTES_PUBLISHED:
        meeting_update(
            meeting=fresh,
            version=fresh.version,
            by=by,
            status=Meeting.Status.MINUTES_PUBLISHED,
        )
