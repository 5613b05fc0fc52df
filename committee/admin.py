"""Admin for meetings and their parts. Day-to-day edits go through the meeting pages, which
record history; the admin is for repairs, and the change log is read-only here."""

from django.contrib import admin

from committee.models import (
    AgendaItem,
    ChangeLog,
    Hearing,
    Material,
    MaterialVersion,
    Meeting,
    Minutes,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "is_published"]


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ["number", "title", "is_published"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "title",
        "starts_at",
        "period_start",
        "period_end",
        "status",
        "is_published",
    ]
    list_filter = ["status", "is_published"]
    search_fields = ["title"]
    inlines = [AgendaItemInline, MaterialInline]


class HearingInline(admin.TabularInline):
    model = Hearing
    extra = 0
    exclude = ["created_by"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "position", "is_published"]
    list_filter = ["meeting"]
    search_fields = ["title"]
    inlines = [HearingInline]


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["speaker", "affiliation", "agenda_item", "is_published"]
    search_fields = ["speaker", "affiliation", "topic"]


class MaterialVersionInline(admin.TabularInline):
    model = MaterialVersion
    extra = 0
    fields = ["original_name", "size", "content_type", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting", "is_published"]
    list_filter = ["meeting", "is_published"]
    search_fields = ["number", "title"]
    inlines = [MaterialVersionInline]


@admin.register(Minutes)
class MinutesAdmin(admin.ModelAdmin):
    list_display = ["meeting", "is_published", "published_at", "updated_at"]


@admin.register(ChangeLog)
class ChangeLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "model_name", "object_repr", "meeting"]
    list_filter = ["action", "model_name"]
    search_fields = ["object_repr"]
    readonly_fields = [f.name for f in ChangeLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
