"""The audit trail in the Django admin: read only (entries are appended by audit_record)."""

from django.contrib import admin

from audit.models import AuditEntry
from core.admin_guard import GuardedModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(GuardedModelAdmin):
    list_display = ("id", "created_at", "actor_name", "action", "object_repr", "ip")
    list_filter = ("action",)
    search_fields = ("actor_name", "object_repr")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
