"""A legal but huge reference import (240,000 rows) leaves the public statistics page small and
its query count unchanged: the charts are capped (selectors.MAX_REFERENCE_GROUPS groups of
ROWS_PER_REFERENCE_GROUP rows) and the page links the full export.
Timing: bench/bench_reference_page.py."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dispatch_stats import selectors
from dispatch_stats.models import ReferenceFigure
from tests.dispatch_stats.factories import ReferenceFigureFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROWS = 240_000
GROUPS = 600  # 400 rows each


def import_reference_rows(source, rows: int = ROWS, groups: int = GROUPS) -> None:
    """COPY, as fast as a bulk import gets: `rows` numeric rows spread over `groups` charts."""
    table = ReferenceFigure._meta.db_table
    columns = (
        "topic, country_or_pair, year_or_period, metric, value, value_text, unit, source_id, note"
    )
    per_group = rows // groups
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for g in range(groups):
            for i in range(per_group):
                copy.write_row(
                    (
                        "world_researcher_flows",
                        f"Country {i:05d} -> Partner",
                        "2010-2024",
                        f"metric {g:04d}",
                        i + 0.5,
                        "",
                        "persons",
                        source.pk,
                        "",
                    )
                )


def _get_statistics_page():
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dispatch_stats:index"))
    assert response.status_code == 200
    return response, len(queries)


def test_the_public_page_stays_small_after_a_240000_row_import():
    source = SourceFactory()
    for i in range(3):
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source)
    _small, baseline_queries = _get_statistics_page()

    import_reference_rows(source)
    assert ReferenceFigure.objects.count() == ROWS + 3
    response, queries = _get_statistics_page()
    html = response.content.decode()
    print(
        f"statistics page after {ROWS:,} rows: {len(response.content):,} bytes, {queries} queries"
    )
    assert len(response.content) < 1_000_000
    assert queries == baseline_queries  # the caps are in SQL: no query per group or row
    assert html.count('class="chart chart-small"') == selectors.MAX_REFERENCE_GROUPS
    more = (ROWS // GROUPS) - selectors.ROWS_PER_REFERENCE_GROUP
    assert f"ほか{more}行はここには表示していません" in html
    assert reverse("dispatch_stats:export", args=["reference", "csv"]) in html


def test_the_caps_keep_the_groups_order_and_each_groups_first_rows():
    source = SourceFactory()
    import_reference_rows(source, rows=3 * 60, groups=3)
    groups = selectors.reference_groups()
    assert [g.metric for g in groups] == ["metric 0000", "metric 0001", "metric 0002"]
    for group in groups:
        assert group.total_rows == 60
        assert len(group.rows) == selectors.ROWS_PER_REFERENCE_GROUP
        assert group.rows[0].country_or_pair == "Country 00000 -> Partner"


def test_small_groups_are_shown_whole():
    source = SourceFactory()
    for i in range(5):
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source)
    (group,) = selectors.reference_groups()
    assert group.total_rows == len(group.rows) == 5
    html = Client().get(reverse("dispatch_stats:index")).content.decode()
    assert "行はここには表示していません" not in html
