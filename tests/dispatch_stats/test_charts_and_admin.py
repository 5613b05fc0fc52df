"""Chart builders compute annotations from the data; the Django admin has no import path, and
shows the background dry runs' checks read only."""

import json

import pytest
from django.contrib.admin import site
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from import_export.admin import ExportMixin, ImportMixin

from core.admin import ReadOnlyAdmin
from dispatch_stats import charts, selectors
from dispatch_stats.models import ImportCheck, ReferenceFigure, YearlyFigure
from dispatch_stats.selectors import ReferenceGroup, Series, peak_summary
from tests import factories
from tests.dispatch_stats.factories import (
    ReferenceFigureFactory,
    SourceFactory,
    YearlyFigureFactory,
)


def test_peak_summary():
    summary = peak_summary({1999: 5, 2000: 10, 2001: 7, 2002: 4})
    assert summary == {
        "peak_year": 2000,
        "peak": 10,
        "latest_year": 2002,
        "latest": 4,
        "share_of_peak": 40.0,
    }
    assert peak_summary({}) is None


def test_outbound_chart_annotates_computed_peaks():
    series = {
        ("outbound", "total"): Series("outbound", "total", {2000: 100, 2001: 150, 2002: 75}),
        ("outbound", "short"): Series("outbound", "short", {2000: 90, 2001: 145, 2002: 70}),
        ("outbound", "mid_long"): Series("outbound", "mid_long", {2000: 10, 2001: 5, 2002: 5}),
    }
    with translation.override("ja"):
        figure = charts.figure_json(charts.outbound_chart(series))
    texts = [a["text"] for a in figure["layout"]["annotations"]]
    assert texts == [
        "中・長期のピーク：2000年度 10人",
        "合計のピーク：2001年度 150人",
        "2002年度：75人（ピークの50.0%）",
    ]
    assert [t["yaxis"] for t in figure["data"]] == ["y", "y", "y2"]
    assert len(json.dumps(figure["layout"]["template"])) < 100  # no default theme shipped


@pytest.mark.django_db
def test_selector_takes_the_best_source_per_year_and_marks_lower_years():
    complete = SourceFactory(name="transcription", priority=3)
    primary = SourceFactory(name="primary", priority=1, edition="令和5年度")
    for year in (2000, 2001, 2002):
        YearlyFigureFactory(fiscal_year=year, term="short", researchers=year, source=complete)
        YearlyFigureFactory(fiscal_year=year, term="mid_long", researchers=1, source=complete)
    YearlyFigureFactory(fiscal_year=2001, term="short", researchers=1, source=primary)
    series = selectors.chart_series()
    short = series[("outbound", "short")]
    # Only the transcription covers the series, so it is the main source; the primary figure
    # still wins its year, and no year is marked (nothing below the main source's priority).
    assert short.source_name == "transcription" and short.alternatives == 1
    assert short.values == {2000: 2000, 2001: 1, 2002: 2002}
    assert short.year_sources[2001].label == "primary (令和5年度)"
    assert short.marked == []
    total = series[("outbound", "total")]
    assert total.derived and total.values == {2000: 2001, 2001: 2, 2002: 2003}
    # The primary source now covers most years: it becomes the main source, and the year only
    # the transcription gives is marked.
    for year in (2000, 2001):
        YearlyFigureFactory(fiscal_year=year, term="mid_long", researchers=9, source=primary)
    mid = selectors.chart_series()[("outbound", "mid_long")]
    assert mid.source_name == "primary (令和5年度)"
    assert mid.values == {2000: 9, 2001: 9, 2002: 1}
    assert mid.marked == [2002] and mid.main_values == {2000: 9, 2001: 9}
    with translation.override("ja"):
        table = charts.outbound_table(selectors.chart_series())
    assert table.notes == ["◇ 2002年度：この値は transcription（優先度 3）にしかありません。"]
    conflicts = selectors.source_conflicts(user=None)
    assert [(c.term, c.fiscal_year) for c in conflicts] == [
        ("mid_long", 2000),
        ("mid_long", 2001),
        ("short", 2001),
    ]


def test_the_django_admin_exports_but_has_no_import_path():
    """One import path: the site's import page. The admin keeps the export."""
    for model in (YearlyFigure, ReferenceFigure):
        model_admin = site._registry[model]
        assert isinstance(model_admin, ExportMixin)
        assert not isinstance(model_admin, ImportMixin)
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:dispatch_stats_{model._meta.model_name}_import")


@pytest.mark.django_db
def test_the_django_admin_shows_the_import_checks_read_only(client):
    """An admin reads what each background dry run found; nobody adds, edits or deletes one
    there (the worker writes them), and the check page's key and the import token stay hidden."""
    assert isinstance(site._registry[ImportCheck], ReadOnlyAdmin)
    uploader = factories.admin(username="uploader", display_name="取込担当")
    check = ImportCheck.objects.create(
        key="check-key-secret",
        user=uploader,
        kind="yearly",
        token="pending-token-secret",
        errors=["シート「派遣」2行目 B列（短期）: 数値ではありません"],
        summary={"file_name": "派遣.xlsx", "form_source": None},
        form_fields={"kind": "yearly", "source_name": "国際研究交流の概況"},
    )
    client.force_login(factories.UserFactory(username="root", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:dispatch_stats_importcheck_changelist"))
    assert listing.status_code == 200
    row = listing.content.decode().split("result_list")[1].split("</table>")[0]
    assert "派遣.xlsx" in row and "取込担当" in row and "yearly" not in row, row
    change = reverse("admin:dispatch_stats_importcheck_change", args=[check.pk])
    page = client.get(change).content.decode()
    assert "2行目 B列（短期）" in page and "国際研究交流の概況" in page
    assert "secret" not in page
    assert client.get(reverse("admin:dispatch_stats_importcheck_add")).status_code == 403
    assert client.post(change, {"kind": "reference"}).status_code == 403
    delete = reverse("admin:dispatch_stats_importcheck_delete", args=[check.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    check.refresh_from_db()
    assert check.kind == "yearly"


@pytest.mark.django_db
def test_reference_charts_speak_the_readers_language():
    source = SourceFactory(name="OECD")
    rows = [
        ReferenceFigureFactory(
            topic="world_researcher_flows",
            country_or_pair=pair,
            metric="authors moving from Japan to partner",
            unit="persons",
            value=value,
            source=source,
        )
        for pair, value in (("Japan -> China", 10), ("United States -> Japan", 20))
    ]
    metric = "authors moving from Japan to partner"
    group = ReferenceGroup("world_researcher_flows", metric, "persons", rows, "country", [])
    with translation.override("ja"):
        figure = charts.figure_json(charts.reference_chart(group))
        assert figure["data"][0]["y"] == ["日本→中国", "米国→日本"]
        assert figure["layout"]["xaxis"]["title"]["text"] == "人"
        table = charts.reference_table(group, 1)
        assert table.rows[0][0] == "日本→中国"
        assert table.caption == "国際的な研究者の移動: 日本から相手国へ移動した著者数 (人)"
    with translation.override("en"):
        figure = charts.figure_json(charts.reference_chart(group))
        assert figure["data"][0]["y"] == ["Japan -> China", "United States -> Japan"]
        assert figure["layout"]["xaxis"]["title"]["text"] == "persons"
        assert figure["layout"]["meta"]["title"].startswith("Researcher flows between countries")
