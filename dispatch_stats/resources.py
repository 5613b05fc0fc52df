"""django-import-export resources for the Django admin's export of yearly and reference figures.

Export only: figures are imported through the site's import page (dispatch_stats:import), the one
import path, which reads every file the same way and refuses the same bad input.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from core.exports import neutralise
from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure


class _SafeExport(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class YearlyFigureResource(_SafeExport):
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, "name")
    )

    class Meta:
        model = YearlyFigure
        fields = ("fiscal_year", "direction", "term", "researchers", "source", "note")


class ReferenceFigureResource(_SafeExport):
    source = fields.Field(
        attribute="source", column_name="source", widget=ForeignKeyWidget(Source, "name")
    )

    class Meta:
        model = ReferenceFigure
        fields = (
            "topic",
            "country_or_pair",
            "year_or_period",
            "metric",
            "value",
            "value_text",
            "unit",
            "source",
            "note",
        )
