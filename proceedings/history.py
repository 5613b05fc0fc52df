"""The history row of every proceedings write, in the meeting's change history (committee).

committee's log is the one writer of those rows: through it every proceedings write
(confirmations, corrections, publishing a record) is in the site-wide audit trail too.
"""

from committee.models import ChangeLog
from committee.services.history import log as committee_log


def log(*, obj, meeting_id: int, action: str, by, before=None, after=None) -> ChangeLog:
    return committee_log(
        obj=obj, meeting_id=meeting_id, action=action, by=by, before=before, after=after
    )


CREATE = ChangeLog.Action.CREATE
UPDATE = ChangeLog.Action.UPDATE
DELETE = ChangeLog.Action.DELETE
