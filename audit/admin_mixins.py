"""Accounts, roles and groups changed in the Django admin, recorded with before/after values.

The admin saves an object's own fields (save_model), then its many-to-many fields such as
groups and permissions (save_related): the snapshot is taken before the first and compared
after the second, so one entry holds the whole change.
"""

from audit import actions
from audit.services import audit_record

ACCOUNT_FIELDS = (
    "username",
    "display_name",
    "affiliation",
    "email",
    "digest_preference",
    "first_name",
    "last_name",
    "is_active",
    "is_staff",
    "is_superuser",
)


def _permissions(related) -> list[str]:
    return sorted(
        f"{app}.{code}" for app, code in related.values_list("content_type__app_label", "codename")
    )


def account_snapshot(user) -> dict:
    """The recorded view of an account: its plain fields, groups (roles) and own permissions,
    never secrets."""
    values = {name: getattr(user, name) for name in ACCOUNT_FIELDS if hasattr(user, name)}
    if user.pk is not None:
        values["groups"] = sorted(user.groups.values_list("name", flat=True))
        values["user_permissions"] = _permissions(user.user_permissions)
    return values


def group_snapshot(group) -> dict:
    values = {"name": group.name}
    if group.pk is not None:
        values["permissions"] = _permissions(group.permissions)
    return values


def changed_values(before: dict, after: dict) -> tuple[dict, dict]:
    """Only what differs: (old values, new values) of the keys that changed."""
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


class _AuditedAdminMixin:
    """Snapshot before the form saves, record the difference after its relations do, and the
    last snapshot of what is deleted."""

    delete_action = ""

    def snapshot(self, obj) -> dict:
        raise NotImplementedError

    def action_for(self, change: bool, after: dict) -> str:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        stored = type(obj).objects.filter(pk=obj.pk).first() if change else None
        request._audit_before = self.snapshot(stored) if stored else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before, after = changed_values(getattr(request, "_audit_before", {}), self.snapshot(obj))
        if change and not after:
            return  # saved as it was: nothing to record
        action = self.action_for(change, after)
        audit_record(
            actor=request.user, action=action, obj=obj, before=before, after=after, request=request
        )

    def delete_model(self, request, obj):
        self._record_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request, obj) -> None:
        audit_record(
            actor=request.user,
            action=self.delete_action,
            obj=obj,
            before=self.snapshot(obj),
            after={"deleted": True},
            request=request,
        )


class AuditedUserAdminMixin(_AuditedAdminMixin):
    """For a UserAdmin: account fields, roles, permissions, passwords and deletions."""

    delete_action = actions.USER_DELETE

    def snapshot(self, obj) -> dict:
        return account_snapshot(obj)

    def action_for(self, change: bool, after: dict) -> str:
        if not change:
            return actions.USER_CREATE
        if set(after) <= {"groups", "user_permissions"}:
            return actions.ROLES_CHANGE
        return actions.USER_CHANGE

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the form was valid
            user = self.get_object(request, id)
            audit_record(
                actor=request.user,
                action=actions.USER_CHANGE,
                obj=user,
                after={"password": "changed"},
                request=request,
            )
        return response


class AuditedGroupAdminMixin(_AuditedAdminMixin):
    """For a GroupAdmin: a group (role) created, renamed, given or denied permissions, deleted."""

    delete_action = actions.GROUP_CHANGE

    def snapshot(self, obj) -> dict:
        return group_snapshot(obj)

    def action_for(self, change: bool, after: dict) -> str:
        return actions.GROUP_CHANGE
