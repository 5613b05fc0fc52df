"""The statistics page reads each chart's size from ReferenceGroupSize, which PostgreSQL
triggers keep equal to a count of the numeric reference figures per (topic, metric, unit)
through every kind of write: insert, bulk insert, update (value, group), delete, truncate."""

import pytest
from django.db import connection
from django.db.models import Count

from dispatch_stats import selectors
from dispatch_stats.models import ReferenceFigure, ReferenceGroupSize, Source
from tests.dispatch_stats.factories import ReferenceFigureFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _sizes() -> dict:
    return {(g.topic, g.metric, g.unit): g.numeric_rows for g in ReferenceGroupSize.objects.all()}


def _counted() -> dict:
    rows = (
        ReferenceFigure.objects.filter(value__isnull=False)
        .order_by()
        .values_list("topic", "metric", "unit")
        .annotate(n=Count("pk"))
    )
    return {(t, m, u): n for t, m, u, n in rows}


def _figures(n: int, **fields) -> list[ReferenceFigure]:
    source = SourceFactory()
    return [
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source, **fields)
        for i in range(n)
    ]


def test_inserts_and_bulk_inserts_are_counted_per_group_numeric_rows_only():
    _figures(3)
    _figures(2, metric="other", unit="%")
    source = SourceFactory()
    ReferenceFigure.objects.bulk_create(
        [
            ReferenceFigure(
                topic="t",
                country_or_pair=f"P{i}",
                year_or_period="2020",
                metric="m",
                value=None if i % 2 else i,
                unit="persons",
                source=source,
            )
            for i in range(10)
        ]
    )
    assert _sizes() == _counted()
    assert _sizes()[("t", "m", "persons")] == 5  # the five without a value are not charted


def test_updates_move_rows_between_groups_and_in_and_out_of_numeric():
    first, second, third = _figures(3)
    ReferenceFigure.objects.filter(pk=first.pk).update(metric="moved")
    ReferenceFigure.objects.filter(pk=second.pk).update(value=None)
    assert _sizes() == _counted()
    ReferenceFigure.objects.filter(pk__in=[first.pk, second.pk, third.pk]).update(value=7)
    assert _sizes() == _counted()
    assert set(_sizes().values()) == {1, 2}


def test_deletes_remove_emptied_groups_and_truncate_clears_them():
    rows = _figures(4)
    ReferenceFigure.objects.filter(pk=rows[0].pk).delete()
    assert (
        _sizes()
        == _counted()
        == {("world_researcher_flows", "authors moving from Japan to partner", "persons"): 3}
    )
    ReferenceFigure.objects.all().delete()
    assert not ReferenceGroupSize.objects.exists()
    _figures(3)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending FK checks
        cursor.execute(f"TRUNCATE {ReferenceFigure._meta.db_table}")
    assert not ReferenceGroupSize.objects.exists()


def test_the_page_reads_its_groups_in_one_query_whatever_their_number(
    django_assert_num_queries,
):
    _figures(3)
    with django_assert_num_queries(1):
        assert len(selectors.reference_groups()) == 1
    for g in range(30):
        _figures(3, metric=f"metric {g:02d}")
    with django_assert_num_queries(1):
        groups = selectors.reference_groups()
    assert len(groups) == selectors.MAX_REFERENCE_GROUPS
    # The deck's topic order, then code point order of the metrics (as Python sorts).
    metrics = [g.metric for g in groups]
    assert metrics == sorted(metrics)
    assert all(g.total_rows == len(g.rows) == 3 for g in groups)


def test_a_changed_row_or_source_changes_the_fingerprint():
    rows = _figures(3)
    before = selectors.data_fingerprint({}, selectors.reference_groups())
    ReferenceFigure.objects.filter(pk=rows[0].pk).update(note="a note")
    noted = selectors.data_fingerprint({}, selectors.reference_groups())
    Source.objects.filter(pk=rows[0].source_id).update(url="https://x.example")
    sourced = selectors.data_fingerprint({}, selectors.reference_groups())
    assert len({before, noted, sourced}) == 3
