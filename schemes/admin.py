"""Admin for schemes, amounts and exchange rates, with spreadsheet import (admins, through
services.table_import) and export.

The import takes CSV only (no workbook, so no zip or XML bomb can reach a parser) and applies the
limits every import path has: the upload size cap, a row cap, UTF-8 text, no C0 control
characters; a refusal is a message on the form, never a traceback.
"""

import re

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm

from accounts import roles
from core.text import TextGuardMixin
from core.uploads import refuse_oversized
from schemes.models import Amount, ExchangeRate, PaysFor, Scheme, TargetType
from schemes.resources import (
    AMOUNT_COLUMNS,
    AmountResource,
    ExchangeRateResource,
    SchemeResource,
)
from schemes.services import table_import

MAX_IMPORT_ROWS = 10_000  # far above any scheme or rate table
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SafeImportForm(TextGuardMixin, ImportForm):
    """The admin's import form with the shared limits checked before any parsing."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.resource_classes = resources

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        refuse_oversized(upload.size, _("The file is %(size)s; the limit is %(limit)s."))
        data = upload.read()
        upload.seek(0)
        text = check_csv_text(data)
        self._check_header(text)
        return upload

    def _check_header(self, text: str) -> None:
        # The library would report missing key columns with a traceback; say it plainly.
        try:
            resource = self.resource_classes[int(self.data.get("resource") or 0)]
        except (ValueError, IndexError):
            return
        header = {cell.strip() for cell in text.split("\n", 1)[0].split(",")}
        missing = [name for name in resource._meta.import_id_fields if name not in header]
        if missing:
            raise forms.ValidationError(
                _("The first row must name the columns %(columns)s (as the export writes them).")
                % {"columns": ", ".join(missing)}
            )


def check_csv_text(data: bytes) -> str:
    """Refuse what is not a plain UTF-8 CSV of a sensible size (the message says what to do)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise forms.ValidationError(
            _("This is not a UTF-8 CSV file. In Excel, save it as “CSV UTF-8” and upload it again.")
        ) from exc
    lines = text.count("\n")
    if lines > MAX_IMPORT_ROWS:
        raise forms.ValidationError(
            _("The file has more than %(max)s rows. Split it into smaller files.")
            % {"max": f"{MAX_IMPORT_ROWS:,}"}
        )
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise forms.ValidationError(
            _("Row %(row)s contains the control character U+%(code)04X. Delete it and try again.")
            % {"row": line, "code": ord(found.group())}
        )
    return text


class AdminOnlyImportMixin:
    """Only admins import, even if a staff user was given the model permission by mistake;
    CSV only, through SafeImportForm; in one step that runs services.table_import, the one
    import path (a dry run of every row, then all or nothing; the errors in Japanese naming
    row and column; one admin log entry), not the library's own confirm-then-write."""

    import_form_class = SafeImportForm
    skip_import_confirm = True
    skip_admin_log = True  # table_import writes the log entry

    def has_import_permission(self, request):
        return roles.is_admin(request.user) and super().has_import_permission(request)

    def get_import_formats(self):
        return [CSV]

    def process_dataset(self, dataset, form, request, **kwargs):
        resource = self.choose_import_resource_class(form, request)()
        outcome = table_import(resource=resource, dataset=dataset, by=request.user)
        for error in outcome.errors:
            form.add_error(None, error)
        return outcome.result


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
    fields = AMOUNT_COLUMNS  # as the spreadsheet has them


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
