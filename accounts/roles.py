"""Role names and checks. A role is a Django group; superusers count as admins."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    """Each role's group name and label."""

    MEMBER = "member", _("Member")
    SECRETARIAT = "secretariat", _("Secretariat")
    ADMIN = "admin", _("Administrator")
    OBSERVER = "observer", _("Observer")


# The group names as plain strings (the checks below and every caller compare with them).
MEMBER, SECRETARIAT, ADMIN, OBSERVER = (role.value for role in Role)
ROLE_LABELS = dict(Role.choices)


def role_names(user) -> frozenset[str]:
    """The user's roles, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached = cached | {ADMIN}
        user._role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))


def is_member(user) -> bool:
    return has_role(user, MEMBER)


# Secretariat staff, and admins, who may do everything the secretariat does: one constant for
# is_secretariat and the view decorator accounts.decorators.secretariat_required.
SECRETARIAT_ROLES = (SECRETARIAT, ADMIN)


def is_secretariat(user) -> bool:
    return has_role(user, *SECRETARIAT_ROLES)


def is_admin(user) -> bool:
    return has_role(user, ADMIN)


# Who may write comments (the write rule): the role check below and the view decorator
# accounts.decorators.commenter_required both read this one constant.
COMMENTER_ROLES = (MEMBER, SECRETARIAT, ADMIN)
# Who may read members-only (委員限り) content (the read rule). The same people today, but a
# different question: code deciding what a user may READ asks can_see_internal, never can_comment.
INTERNAL_READER_ROLES = (MEMBER, SECRETARIAT, ADMIN)


def can_comment(user) -> bool:
    return has_role(user, *COMMENTER_ROLES)


def can_see_internal(user) -> bool:
    """Members and staff see members-only (委員限り) content; observers do not."""
    return has_role(user, *INTERNAL_READER_ROLES)


# Who may read the audit trail (its page, its exports, the header link): one constant for the
# view decorator accounts.decorators.audit_reader_required and for can_read_audit.
AUDIT_READER_ROLES = (ADMIN,)


def can_read_audit(user) -> bool:
    return has_role(user, *AUDIT_READER_ROLES)


def is_chair(user) -> bool:
    """The committee's chair (主査): the one flag, User.is_chair, on a member. Every rule about
    "the chair" reads this (the stance grid's rows); a meeting record's presiding chair
    (proceedings' Attendance.is_chair) is who chaired that day, defaulted from this flag."""
    return bool(getattr(user, "is_chair", False)) and is_member(user)
