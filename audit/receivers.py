"""Sign-in, failed sign-in and sign-out into the trail (Django's auth signals, wired in apps.py)."""

from audit import actions
from audit.services import audit_record

# Never record what was typed as a password, only which name was tried.
USERNAME_KEYS = ("username", "email")


def on_login(sender, request, user, **kwargs):
    audit_record(actor=user, action=actions.LOGIN, obj=user, request=request)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=actions.LOGOUT, obj=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    if "nonce" in credentials:
        return  # an OpenID Connect callback: its failure is recorded, with why, by its view
    tried = {k: str(credentials[k])[:150] for k in USERNAME_KEYS if credentials.get(k)}
    audit_record(actor=None, action=actions.LOGIN_FAILED, after=tried or None, request=request)
