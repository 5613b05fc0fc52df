"""Account and role changes made in the Django admin, recorded with before/after values."""

from audit import actions
from audit.services import audit_record

ACCOUNT_FIELDS = (
    "username",
    "display_name",
    "affiliation",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "is_staff",
    "is_superuser",
)


def account_snapshot(user) -> dict:
    """The recorded view of an account: its plain fields and its groups (roles), never secrets."""
    values = {name: getattr(user, name) for name in ACCOUNT_FIELDS if hasattr(user, name)}
    if user.pk is not None:
        values["groups"] = sorted(user.groups.values_list("name", flat=True))
    return values


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


class AuditedUserAdminMixin:
    """For a UserAdmin: snapshot the account before the form saves, diff after its groups do."""

    def save_model(self, request, obj, form, change):
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        request._audit_before = account_snapshot(stored) if stored else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        before, after = _diff(getattr(request, "_audit_before", {}), account_snapshot(user))
        if not change:
            action = actions.USER_CREATE
        elif set(after) == {"groups"}:
            action = actions.ROLES_CHANGE
        elif after:
            action = actions.USER_CHANGE
        else:
            return  # saved without a change worth recording (e.g. only the password form)
        audit_record(
            actor=request.user, action=action, obj=user, before=before, after=after, request=request
        )
