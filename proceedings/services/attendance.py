"""Attendance writes: take the roster of a meeting, record each member's attendance."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.roles import is_chair
from committee.models import Meeting
from core.errors import Refusal
from proceedings import history
from proceedings.models import Attendance
from proceedings.selectors import current_members


def _default_chair_id(meeting: Meeting, members: list) -> int | None:
    """Who presides on a new roster: the committee's chair (accounts.roles.is_chair, the one
    chair flag) when on it, else whoever presided at the last meeting."""
    chair = next((u.pk for u in members if u.is_chair and is_chair(u)), None)
    if chair is not None:
        return chair
    row = (
        Attendance.objects.filter(is_chair=True, meeting__number__lt=meeting.number)
        .order_by("-meeting__number")
        .values_list("member_id", flat=True)
        .first()
    )
    return row


@transaction.atomic
def roster_take(*, meeting: Meeting, by) -> int:
    """Secretariat: copy the current members onto the meeting's roster (adds members who are
    not on it yet; never removes anyone). The presiding chair defaults to the committee's
    chair (else carries over from the last meeting). Returns how many were added."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    on_roster = set(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    has_chair = Attendance.objects.filter(meeting=meeting, is_chair=True).exists()
    members = list(current_members())
    chair_id = None if has_chair else _default_chair_id(meeting, members)
    added = [
        Attendance(meeting=meeting, member=u, name=str(u)[:100], is_chair=u.pk == chair_id)
        for u in members
        if u.pk not in on_roster
    ]
    Attendance.objects.bulk_create(added)
    for row in added:
        history.log(obj=row, meeting_id=meeting.pk, action=history.CREATE, by=by)
    return len(added)


@transaction.atomic
def attendance_record(
    *,
    attendance: Attendance,
    version: int,
    status: str,
    arrived_at: dt.time | None = None,
    left_at: dt.time | None = None,
    by,
) -> Attendance:
    """Secretariat: set how one member attended (present at the venue / online, absent; the
    time of a late arrival or early leave). A stale version writes nothing."""
    if status not in Attendance.Status.values:
        raise Refusal(_("Choose how the member attended."), status=400)
    if status not in Attendance.PRESENT and (arrived_at or left_at):
        raise Refusal(_("Only a member who attended can arrive late or leave early."), status=400)
    if arrived_at and left_at and left_at <= arrived_at:
        raise Refusal(_("The time of leaving must be after the time of arrival."), status=400)
    before = {"status": attendance.status}
    changed = Attendance.objects.filter(pk=attendance.pk, version=version).update(
        status=status, arrived_at=arrived_at, left_at=left_at, version=F("version") + 1
    )
    if not changed:
        raise Refusal(
            _("Someone changed this member's attendance meanwhile. Check and retry."), status=409
        )
    attendance.refresh_from_db()
    history.log_update(attendance, by=by, before=before, after={"status": status})
    return attendance


@transaction.atomic
def chair_set(*, attendance: Attendance, by) -> Attendance:
    """Secretariat: make this roster member the meeting's chair (主査); only one per meeting."""
    Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    Attendance.objects.filter(meeting_id=attendance.meeting_id, is_chair=True).update(
        is_chair=False
    )
    Attendance.objects.filter(pk=attendance.pk).update(is_chair=True, version=F("version") + 1)
    attendance.refresh_from_db()
    history.log_update(attendance, by=by, after={"is_chair": True})
    return attendance
