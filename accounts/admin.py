from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm
from django.contrib.auth.models import Group

from accounts.models import User
from audit.admin_mixins import AuditedGroupAdminMixin, AuditedUserAdminMixin
from core.admin_guard import TextGuardAdminMixin, guarded


@admin.register(User)
class CommitteeUserAdmin(TextGuardAdminMixin, AuditedUserAdminMixin, UserAdmin):
    # get_form guards whatever it builds; the forms UserAdmin names are named guarded too
    # (the password page's form is not built by get_form).
    add_form = guarded(AdminUserCreationForm)
    change_password_form = guarded(AdminPasswordChangeForm)
    fieldsets = UserAdmin.fieldsets + (
        (None, {"fields": ("display_name", "affiliation", "digest_preference")}),
    )
    list_display = ("username", "display_name", "email", "is_active", "is_staff")


# Groups are the roles: a change to one (its permissions, its name) is in the audit trail.
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(TextGuardAdminMixin, AuditedGroupAdminMixin, GroupAdmin):
    pass
