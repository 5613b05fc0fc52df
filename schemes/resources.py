"""Spreadsheet import and export of schemes, amounts and exchange rates (django-import-export).

Imports validate every row (model full_clean) and are all-or-nothing (see services.table_import
and the admin's dry run). Exports neutralise cells that a spreadsheet would run as formulas.
"""

from decimal import InvalidOperation

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.exports import neutralise, unneutralise
from schemes.models import Amount, ExchangeRate, PaysFor, Scheme, TargetType

# An amount's columns after its scheme, in the order of the export (and of the admin's rows).
AMOUNT_COLUMNS = (
    "position",
    "label",
    "value",
    "value_max",
    "is_upper_limit",
    "currency",
    "per",
    "period",
    "period_years",
    "note",
    "source",
)


class ChoiceListWidget(widgets.Widget):
    """A list of choice values written as "a, b" in one cell; unknown values are refused."""

    def __init__(self, choices, **kwargs):
        self.choices = dict(choices)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        items = [v.strip() for v in str(value or "").replace("、", ",").split(",") if v.strip()]
        unknown = [v for v in items if v not in self.choices]
        if unknown:
            raise ValueError(
                _("Unknown value(s): %(values)s. Allowed: %(allowed)s.")
                % {"values": ", ".join(unknown), "allowed": ", ".join(self.choices)}
            )
        return items

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class CheckedDecimalWidget(widgets.DecimalWidget):
    """A number, or a clear message for the cell instead of a Python exception."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (InvalidOperation, ArithmeticError, TypeError) as exc:
            raise ValueError(
                _("Enter a number, e.g. 183.21 (got “%(value)s”).") % {"value": value}
            ) from exc


class CheckedIntegerWidget(widgets.IntegerWidget):
    """A whole number, or a clear message for the cell."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (InvalidOperation, ArithmeticError, TypeError, ValueError) as exc:
            raise ValueError(
                _("Enter a whole number (got “%(value)s”).") % {"value": value}
            ) from exc


class SchemeSlugWidget(widgets.ForeignKeyWidget):
    """A scheme named by its slug; an unknown slug is reported against the cell."""

    def __init__(self, **kwargs):
        super().__init__(Scheme, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except Scheme.DoesNotExist as exc:
            raise ValueError(
                _("Column “scheme”: no scheme has the slug “%(slug)s”.") % {"slug": value}
            ) from exc


class SafeResourceMixin:
    """Export: prefix formula-like text with an apostrophe. Import: remove that apostrophe again,
    so an exported file imports unchanged."""

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key in list(row.keys()):
            value = row[key]
            if isinstance(value, str):
                row[key] = unneutralise(value.strip())
        return super().before_import_row(row, **kwargs)

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        widget = super().widget_from_django_field(f, default=default)
        if widget is widgets.DecimalWidget:
            return CheckedDecimalWidget
        if widget is widgets.IntegerWidget:
            return CheckedIntegerWidget
        return widget


class SchemeResource(SafeResourceMixin, resources.ModelResource):
    target_types = fields.Field(
        attribute="target_types",
        column_name="target_types",
        widget=ChoiceListWidget(TargetType.choices),
    )
    pays_for = fields.Field(
        attribute="pays_for", column_name="pays_for", widget=ChoiceListWidget(PaysFor.choices)
    )

    class Meta:
        model = Scheme
        import_id_fields = ("slug",)
        skip_unchanged = True
        clean_model_instances = True
        fields = (
            "slug",
            "kind",
            "country",
            "name_ja",
            "name_en",
            "agency",
            "is_deck_scheme",
            "target",
            "target_types",
            "target_source",
            "duration",
            "duration_months_min",
            "duration_months_max",
            "duration_source",
            "support_content",
            "pays_for",
            "pays_for_source",
            "budget_or_amount",
            "obligation",
            "has_return_obligation",
            "has_service_bond",
            "service_bond_years_min",
            "service_bond_years_max",
            "obligation_source",
            "source_urls",
        )
        export_order = fields


class AmountResource(SafeResourceMixin, resources.ModelResource):
    scheme = fields.Field(
        attribute="scheme",
        column_name="scheme",
        widget=SchemeSlugWidget(),
    )

    class Meta:
        model = Amount
        import_id_fields = ("scheme", "label")
        skip_unchanged = True
        clean_model_instances = True
        fields = ("scheme", *AMOUNT_COLUMNS)
        export_order = fields


class ExchangeRateResource(SafeResourceMixin, resources.ModelResource):
    class Meta:
        model = ExchangeRate
        import_id_fields = ("currency", "date")
        skip_unchanged = True
        clean_model_instances = True
        fields = ("currency", "date", "jpy_per_unit", "source", "note")
        export_order = fields
