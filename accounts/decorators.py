"""Declared access rules for views.

Every view in the project carries exactly one rule, set by one of these decorators, and
a test walks the URL patterns to prove it. LoginRequiredMiddleware makes "login" the
default for any view that forgets; the test makes forgetting fail the suite.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import roles
from core.access_rules import LOGIN, PUBLIC, login, public

__all__ = [
    "LOGIN",
    "PUBLIC",
    "admin_required",
    "audit_reader_required",
    "commenter_required",
    "login",
    "public",
    "role_required",
    "secretariat_required",
]


def role_required(*allowed: str, hide: bool = False):
    """Signed-in users with one of the roles. hide=True answers 404 instead of 403,
    for views whose very existence is not the caller's business."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not roles.has_role(request.user, *allowed):
                if hide:
                    raise Http404
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = "role:" + ",".join(sorted(allowed))
        return wrapped

    return decorator


secretariat_required = role_required(*roles.SECRETARIAT_ROLES)
admin_required = role_required(roles.ADMIN)
audit_reader_required = role_required(*roles.AUDIT_READER_ROLES)
commenter_required = role_required(*roles.COMMENTER_ROLES)
