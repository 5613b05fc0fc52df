"""Admin for dispatch statistics: import (admins only, via the 'import' permission) and export."""

from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from accounts import roles
from dispatch_stats.models import ImportLog, ReferenceFigure, Source, YearlyFigure
from dispatch_stats.resources import ReferenceFigureResource, YearlyFigureResource


class _AdminOnlyImport(ImportExportModelAdmin):
    def has_import_permission(self, request):
        # The 'import' codename (IMPORT_EXPORT_IMPORT_PERMISSION_CODE) and the admin role.
        return roles.is_admin(request.user) and super().has_import_permission(request)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "priority", "url")
    list_filter = ("priority",)
    search_fields = ("name",)


@admin.register(YearlyFigure)
class YearlyFigureAdmin(_AdminOnlyImport):
    resource_classes = [YearlyFigureResource]
    list_display = ("fiscal_year", "direction", "term", "researchers", "source")
    list_filter = ("direction", "term", "source__priority")
    search_fields = ("source__name", "note")
    list_select_related = ("source",)


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(_AdminOnlyImport):
    resource_classes = [ReferenceFigureResource]
    list_display = (
        "topic",
        "country_or_pair",
        "year_or_period",
        "metric",
        "value",
        "value_text",
        "unit",
    )
    list_filter = ("topic",)
    search_fields = ("metric", "country_or_pair", "source__name")
    list_select_related = ("source",)


@admin.register(ImportLog)
class ImportLogAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "user",
        "kind",
        "file_name",
        "rows_new",
        "rows_changed",
        "rows_unchanged",
        "confirmed",
    )
    list_filter = ("kind", "confirmed")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
