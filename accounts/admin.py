from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from accounts.models import User
from audit.admin_mixins import AuditedGroupAdminMixin, AuditedUserAdminMixin


@admin.register(User)
class CommitteeUserAdmin(AuditedUserAdminMixin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        (None, {"fields": ("display_name", "affiliation", "digest_preference")}),
    )
    list_display = ("username", "display_name", "email", "is_active", "is_staff")


# Groups are the roles: a change to one (its permissions, its name) is in the audit trail.
admin.site.unregister(Group)


@admin.register(Group)
class AuditedGroupAdmin(AuditedGroupAdminMixin, GroupAdmin):
    pass
