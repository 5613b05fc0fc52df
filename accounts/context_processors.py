"""Role flags and the logout address for templates (display only: views check permissions
themselves)."""

from django.urls import reverse

from accounts import oidc
from accounts import roles as role_checks


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_member": role_checks.is_member(user),
        "is_secretariat": role_checks.is_secretariat(user),
        "is_admin_role": role_checks.is_admin(user),
        "can_read_audit": role_checks.can_read_audit(user),
    }


def logout(request):
    """Where the header's logout form posts: a session opened through the provider ends there
    too (oidc:logout sends the browser to its end-session page), a local one ends here."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    sso = oidc.signed_in_by_sso(request)
    return {"logout_url": reverse("oidc:logout" if sso else "accounts:logout")}
