"""Writes on accounts: deactivating a user and ending their sessions."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_record


def user_sessions_end(*, user: User) -> int:
    """End every live session of `user` (database sessions); returns how many.

    Called by user_deactivate and by anyone who must sign a user out everywhere (for
    example after a suspected compromise). Changes only django_session rows.
    """
    user_id = str(user.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    """Deactivate `user` and end their sessions at once; for admins (the caller checks).

    Sets is_active=False (the account can no longer sign in, and any request carrying an
    old session is anonymous) and records the change in the admin log as `by`.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = user_sessions_end(user=user)
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=User.objects.filter(pk=user.pk),
        action_flag=CHANGE,
        change_message=f"Deactivated; {ended} session(s) ended.",
        single_object=True,
    )
    audit_record(actor=by, action="accounts.user_deactivate", obj=user, after={"is_active": False})
    return user
