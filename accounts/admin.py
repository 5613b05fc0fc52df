from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User
from audit.admin_mixins import AuditedUserAdminMixin


@admin.register(User)
class CommitteeUserAdmin(AuditedUserAdminMixin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        (None, {"fields": ("display_name", "affiliation", "digest_preference")}),
    )
    list_display = ("username", "display_name", "email", "is_active", "is_staff")
