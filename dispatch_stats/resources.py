"""django-import-export resources: the admin's import/export of yearly and reference figures.

Before the admin's own import runs, rows go through the same reader as the in-app import
(Japanese or English headers, wareki years, full-width digits), so both paths accept the same
files and refuse the same bad rows.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from core.exports import neutralise
from dispatch_stats.importing.files import Sheet
from dispatch_stats.importing.tables import parse_reference, parse_yearly
from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure
from dispatch_stats.services import priority_from_note


class SourceByNameWidget(ForeignKeyWidget):
    """Find the source by name, creating it (priority from the row's note tag) when new."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        source = Source.objects.filter(name=value).first()
        if source is None:
            source = Source.objects.create(
                name=value,
                url=(row or {}).get("source_url", "") or "",
                priority=priority_from_note((row or {}).get("note", "")) or 1,
            )
        return source


class _NormalisingResource(resources.ModelResource):
    parser = None
    columns: list[str] = []

    def before_import(self, dataset, **kwargs):
        sheet = Sheet(
            name="import", rows=[list(dataset.headers or [])] + [list(r) for r in dataset]
        )
        result = type(self).parser([sheet])
        if result.errors:
            raise ValueError("\n".join(result.errors))
        rows = result.rows
        dataset.wipe()
        dataset.headers = self.columns
        for row in rows:
            dataset.append(
                [
                    row[c] if c in row else row.get(c.replace("source_", ""), "")
                    for c in self.columns
                ]
            )
        return super().before_import(dataset, **kwargs)

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class YearlyFigureResource(_NormalisingResource):
    parser = staticmethod(parse_yearly)
    columns = ["fiscal_year", "direction", "term", "researchers", "source", "source_url", "note"]
    source = fields.Field(
        attribute="source", column_name="source", widget=SourceByNameWidget(Source, "name")
    )

    class Meta:
        model = YearlyFigure
        fields = ("fiscal_year", "direction", "term", "researchers", "source", "note")
        import_id_fields = ("fiscal_year", "direction", "term", "source")
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class ReferenceFigureResource(_NormalisingResource):
    parser = staticmethod(parse_reference)
    columns = [
        "topic",
        "country_or_pair",
        "year_or_period",
        "metric",
        "value",
        "value_text",
        "unit",
        "source",
        "source_url",
        "note",
    ]
    source = fields.Field(
        attribute="source", column_name="source", widget=SourceByNameWidget(Source, "name")
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
        import_id_fields = ("topic", "country_or_pair", "year_or_period", "metric", "source")
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
