"""Writes on accounts: profile and password changes, deactivating a user, ending their
sessions, failed sign-in alerts. Each change to an account is in the audit trail."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.lockout import recent_failures_for
from accounts.models import NotificationLog, User
from audit import actions
from audit.admin_mixins import account_snapshot, changed_values
from audit.services import audit_record
from core.dates import local_minute


@transaction.atomic
def profile_update(*, user: User, values: dict, request=None) -> User:
    """The user's own profile (name, affiliation, e-mail, digest choice); the form checked the
    password an e-mail change needs. Records what changed, if anything."""
    before = account_snapshot(User.objects.get(pk=user.pk))
    for name, value in values.items():
        setattr(user, name, value)
    user.save(update_fields=list(values))
    old, new = changed_values(before, account_snapshot(user))
    if new:
        audit_record(
            actor=user, action=actions.USER_CHANGE, obj=user, before=old, after=new, request=request
        )
    return user


def password_changed(*, user: User, request=None) -> None:
    """Record that the user changed their own password (Django's view has saved it)."""
    audit_record(
        actor=user,
        action=actions.USER_CHANGE,
        obj=user,
        after={"password": "changed"},
        request=request,
    )


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
    audit_record(
        actor=by,
        action=actions.USER_DEACTIVATE,
        obj=user,
        before={"is_active": True},
        after={"is_active": False},
    )
    return user


def login_failures_notify(*, username: str, now=None) -> bool:
    """Tell the owner of `username` by mail when their account sees a burst of failed sign-ins
    (LOGIN_ALERT_FAILURES within LOGIN_ALERT_WINDOW_MINUTES, from any address).

    Called by the sign-in form after each failure. At most one mail per account per window
    (NotificationLog's unique key); returns whether a mail was sent. Unknown names, inactive
    accounts and accounts without an address get nothing.
    """
    now = now or timezone.now()
    window = timedelta(minutes=settings.LOGIN_ALERT_WINDOW_MINUTES)
    user = User.objects.filter(username=username, is_active=True).exclude(email="").first()
    if user is None or recent_failures_for(username, within=window) < settings.LOGIN_ALERT_FAILURES:
        return False
    bucket = int(now.timestamp() // window.total_seconds())
    subject = _("Several failed sign-ins to your account")
    with transaction.atomic():
        _log, created = NotificationLog.objects.get_or_create(
            user=user,
            key=f"login-failures:{bucket}",
            defaults={"kind": "login-failures", "subject": subject},
        )
        if not created:
            return False
        body = _(
            "There were %(count)s failed attempts to sign in to the committee workspace as "
            "“%(username)s” in the last %(minutes)s minutes (last at %(when)s).\n\n"
            "If this was you, nothing needs doing. If it was not, your account is still usable "
            "from your own connection; consider changing your password, and tell the secretariat."
        ) % {
            "count": recent_failures_for(username, within=window),
            "username": username,
            "minutes": settings.LOGIN_ALERT_WINDOW_MINUTES,
            "when": local_minute(now),
        }
        EmailMessage(subject, body, to=[user.email]).send()
    return True
