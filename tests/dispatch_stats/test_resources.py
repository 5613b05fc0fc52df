"""The django-import-export resources read the same Japanese tables as the in-app import."""

import pytest
import tablib

from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure
from dispatch_stats.resources import ReferenceFigureResource, YearlyFigureResource

pytestmark = pytest.mark.django_db


def dataset(rows):
    data = tablib.Dataset(headers=rows[0])
    for row in rows[1:]:
        data.append(row)
    return data


def test_yearly_resource_reads_japanese_headers_and_wareki():
    rows = [
        ["年度", "方向", "期間", "人数", "出典", "備考"],
        ["平成12年度", "派遣", "中・長期", "７,６７４", "概況", "[primary] x"],
        ["R5", "受入れ", "短期", "1,000", "概況", "[primary] x"],
    ]
    result = YearlyFigureResource().import_data(dataset(rows), dry_run=False, raise_errors=True)
    assert not result.has_errors()
    assert YearlyFigure.objects.get(fiscal_year=2000).researchers == 7674
    assert Source.objects.get(name="概況").priority == 1
    again = YearlyFigureResource().import_data(dataset(rows), dry_run=True)
    assert again.totals["skip"] == 2


def test_yearly_resource_refuses_a_bad_row_and_writes_nothing():
    rows = [
        ["年度", "方向", "期間", "人数", "出典"],
        ["H30", "派遣", "短期", "10", "s"],
        ["天平5年度", "派遣", "短期", "10", "s"],
    ]
    result = YearlyFigureResource().import_data(dataset(rows), dry_run=False)
    assert result.has_errors()
    assert "元号" in str(result.base_errors[0].error)
    assert YearlyFigure.objects.count() == 0


def test_reference_resource_keeps_text_values():
    rows = [
        ["topic", "country_or_pair", "year_or_period", "metric", "value", "unit", "source_report"],
        ["t", "Japan", "2005 -> 2018", "rank", "4 -> 10", "rank", "NISTEP"],
        ["t", "Japan", "2024", "net", "-0.158", "%", "NISTEP"],
    ]
    result = ReferenceFigureResource().import_data(dataset(rows), dry_run=False, raise_errors=True)
    assert not result.has_errors()
    values = dict(ReferenceFigure.objects.values_list("metric", "value_text"))
    assert values == {"rank": "4 -> 10", "net": ""}
    assert str(ReferenceFigure.objects.get(metric="net").value.normalize()) == "-0.158"
