from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm

from accounts.models import User
from audit.admin_mixins import AuditedUserAdminMixin
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
