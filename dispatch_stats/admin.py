"""Admin for dispatch statistics: browse and export. There is no import here: figures come in
through the site's import page (dispatch_stats:import), the one import path."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from core.admin import ReadOnlyAdmin
from dispatch_stats.models import ImportCheck, ImportLog, ReferenceFigure, Source, YearlyFigure
from dispatch_stats.resources import ReferenceFigureResource, YearlyFigureResource


class _ExportOnly(ExportMixin, admin.ModelAdmin):
    pass


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "edition", "priority", "url")
    list_filter = ("priority",)
    search_fields = ("name",)


@admin.register(YearlyFigure)
class YearlyFigureAdmin(_ExportOnly):
    resource_classes = [YearlyFigureResource]
    list_display = ("fiscal_year", "direction", "term", "researchers", "source")
    list_filter = ("direction", "term", "source__priority")
    search_fields = ("source__name", "note")
    list_select_related = ("source",)


@admin.register(ReferenceFigure)
class ReferenceFigureAdmin(_ExportOnly):
    resource_classes = [ReferenceFigureResource]
    list_display = ReferenceFigureResource.Meta.fields  # the columns the export writes
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
        "file_format",
        "source",
    )
    list_filter = ("kind", "confirmed")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportCheck)
class ImportCheckAdmin(ReadOnlyAdmin):
    """What the dry runs run as tasks found, to read: written by the worker alone. The key (the
    check page's address) and the pending import's token are not shown: they are the
    uploader's."""

    list_display = ("created_at", "user", "kind", "file_name", "previewed", "problems")
    list_filter = ("kind", "created_at")
    list_select_related = ("user",)
    exclude = ("key", "token")
    readonly_fields = ("file_name", "previewed", "problems")

    @admin.display(description=_("file name"))
    def file_name(self, check):
        return check.summary.get("file_name", "")

    @admin.display(description=_("preview ready"), boolean=True)
    def previewed(self, check):
        return bool(check.token)

    @admin.display(description=_("problems found"))
    def problems(self, check):
        return len(check.errors)
