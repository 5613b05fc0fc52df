"""Writes to a meeting's minutes; publishing them marks the meeting "minutes published"."""

from django.db import transaction
from django.utils import timezone

from committee.models import ChangeLog, Meeting, Minutes
from committee.services.history import StaleEdit, log, snapshot, update_versioned
from committee.services.meetings import mark_minutes_published

MINUTES_FIELDS = ["body", "is_published"]


def _minutes_update(minutes: Minutes, *, version: int, body: str, is_published: bool, by):
    if version != minutes.version:
        raise StaleEdit(minutes)
    published_at = minutes.published_at
    if is_published and not minutes.is_published:
        published_at = timezone.now()
    return update_versioned(
        Minutes,
        minutes,
        version=version,
        fields=MINUTES_FIELDS,
        values={
            "body": body,
            "is_published": is_published,
            "published_at": published_at if is_published else None,
            "updated_by": by,
        },
    )


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, version: int | None, body: str, is_published: bool, by
) -> Minutes:
    """Secretariat: write the minutes; publishing them marks the meeting "minutes published".

    `version` is the minutes version the editor saw (None when there were no minutes yet).
    """
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        if version not in (None, 0):
            raise StaleEdit(None)
        minutes = Minutes.objects.create(
            meeting=meeting,
            body=body,
            is_published=is_published,
            published_at=timezone.now() if is_published else None,
            updated_by=by,
        )
        before, action = None, ChangeLog.Action.CREATE
    else:
        before, minutes = _minutes_update(
            minutes, version=version, body=body, is_published=is_published, by=by
        )
        action = ChangeLog.Action.UPDATE
    log(
        obj=minutes,
        action=action,
        by=by,
        before=before,
        after=snapshot(minutes, MINUTES_FIELDS),
    )
    if is_published:
        mark_minutes_published(meeting.pk, by=by)
    return minutes
