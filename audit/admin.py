"""The audit trail in the Django admin: read only (entries are appended by audit_record)."""

from django.contrib import admin

from audit.models import AuditEntry
from core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "actor_name", "action", "object_repr", "ip")
    list_filter = ("action",)
    search_fields = ("actor_name", "object_repr")
