"""Admin for schemes, amounts and exchange rates, with spreadsheet import (admins) and export."""

from django import forms
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from accounts import roles
from core.text import TextGuardMixin
from schemes.models import Amount, ExchangeRate, PaysFor, Scheme, TargetType
from schemes.resources import AmountResource, ExchangeRateResource, SchemeResource


class AdminOnlyImportMixin:
    """Only admins import, even if a staff user was given the model permission by mistake."""

    def has_import_permission(self, request):
        return roles.is_admin(request.user) and super().has_import_permission(request)


class SchemeAdminForm(TextGuardMixin, forms.ModelForm):
    """Target types and what a scheme pays for as checkboxes (the admin supplies the model)."""

    target_types = forms.MultipleChoiceField(
        choices=TargetType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    pays_for = forms.MultipleChoiceField(
        choices=PaysFor.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class AmountInline(admin.TabularInline):
    model = Amount
    extra = 0
    fields = (
        "position",
        "label",
        "value",
        "value_max",
        "is_upper_limit",
        "currency",
        "per",
        "period",
        "period_years",
        "source",
        "note",
    )


@admin.register(Scheme)
class SchemeAdmin(AdminOnlyImportMixin, ImportExportModelAdmin):
    form = SchemeAdminForm
    resource_classes = [SchemeResource]
    list_display = ("name_ja", "country", "kind", "is_deck_scheme")
    list_filter = ("kind", "is_deck_scheme", "country")
    search_fields = ("name_ja", "name_en", "slug", "agency")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [AmountInline]


@admin.register(Amount)
class AmountAdmin(AdminOnlyImportMixin, ImportExportModelAdmin):
    resource_classes = [AmountResource]
    list_display = ("scheme", "label", "value", "currency", "per", "period")
    list_filter = ("currency", "per", "period")
    list_select_related = ("scheme",)
    search_fields = ("label", "scheme__name_ja")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AdminOnlyImportMixin, ImportExportModelAdmin):
    resource_classes = [ExchangeRateResource]
    list_display = ("currency", "date", "jpy_per_unit", "source")
    list_filter = ("currency",)
    date_hierarchy = "date"
