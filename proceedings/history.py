"""The history row of every proceedings write, in the meeting's change history (committee)."""

from committee.models import ChangeLog


def log(*, obj, meeting_id: int, action: str, by, before=None, after=None) -> ChangeLog:
    return ChangeLog.objects.create(
        meeting_id=meeting_id,
        model_name=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        actor=by,
        before=before,
        after=after,
    )


CREATE = ChangeLog.Action.CREATE
UPDATE = ChangeLog.Action.UPDATE
DELETE = ChangeLog.Action.DELETE
