"""The history row of every proceedings write, in the meeting's change history (committee), and
the workflow step (versioned UPDATE, reload, log) that records and proposals move by.

committee's log is the one writer of those rows: through it every proceedings write
(confirmations, corrections, publishing a record) is in the site-wide audit trail too.
"""

from django.db.models import F

from committee.models import ChangeLog
from committee.services.history import log as committee_log


def log(*, obj, meeting_id: int, action: str, by, before=None, after=None) -> ChangeLog:
    return committee_log(
        obj=obj, meeting_id=meeting_id, action=action, by=by, before=before, after=after
    )


CREATE = ChangeLog.Action.CREATE
UPDATE = ChangeLog.Action.UPDATE
DELETE = ChangeLog.Action.DELETE


def log_update(obj, *, by, after: dict, before=None, meeting_id=None) -> ChangeLog:
    """The UPDATE row of a change to `obj`, under its own meeting unless `meeting_id` says."""
    if meeting_id is None:
        meeting_id = obj.meeting_id
    return log(obj=obj, meeting_id=meeting_id, action=UPDATE, by=by, before=before, after=after)


def advance(obj, *, by, noted: dict | None = None, **values) -> None:
    """One workflow step of a record or proposal: `values` in one UPDATE that bumps the
    version, the object reloaded, and the step logged with its new status (and `noted`)."""
    # The status before goes into the log too: the audit trail tells a publication from
    # another step by the status it moved from.
    was = obj.status
    type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1, **values)
    obj.refresh_from_db()
    log_update(obj, by=by, before={"status": was}, after={"status": obj.status, **(noted or {})})
