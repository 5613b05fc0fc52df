"""Role flags for templates (display only: views check permissions themselves)."""

from accounts import roles as role_checks


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_member": role_checks.is_member(user),
        "is_secretariat": role_checks.is_secretariat(user),
        "is_admin_role": role_checks.is_admin(user),
    }
