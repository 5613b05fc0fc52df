"""The public statistics page after a legal but huge reference import (issue 13): 240,000
reference rows over 600 charts' worth of groups, loaded with one COPY on top of the real
figures. Prints HTML bytes, charts shown, queries and server time (best, median and max of
--runs) three ways: an anonymous reader served from the whole-page cache; the page rendered
(whole-page cache off, as for a signed-in reader or the first anonymous reader after any
content change), with its charts' fragment cached; and cold, every cache cleared (the first
reader after an import changed the figures), which rebuilds the plotly figures and tables.

Usage: `.venv/bin/python bench/bench_reference_page.py [--runs 10] [--rows 240000]` with
DATABASE_URL set as for the app (unset: the embedded server). Own throwaway database.

Goal: HTML under 1 MB and the rendered page under 200 ms; queries the same as with the real
figures alone.
"""

from __future__ import annotations

import statistics

import common


def _copy_rows(rows: int, groups: int) -> None:
    from django.db import connection

    from dispatch_stats.models import ReferenceFigure, Source

    source = Source.objects.create(name="bench: huge reference import", priority=4)
    per_group = rows // groups
    columns = (
        "topic, country_or_pair, year_or_period, metric, value, value_text, unit, note, source_id"
    )
    sql = f"COPY {ReferenceFigure._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for group in range(groups):
            for i in range(per_group):
                flow = (f"Country {i:05d} -> Partner", "2010-2024", f"bench metric {group:04d}")
                copy.write_row(("world_researcher_flows", *flow, i, "", "persons", "", source.pk))
    with connection.cursor() as cursor:
        # What autovacuum does soon after a big import; without it the planner guesses.
        cursor.execute(f"ANALYZE {ReferenceFigure._meta.db_table}")


def _timings(prefix: str, times: list[float]) -> dict:
    return {
        f"{prefix}_best": round(min(times), 1),
        f"{prefix}_median": round(statistics.median(times), 1),
        f"{prefix}_max": round(max(times), 1),
    }


def main() -> None:
    spec = {"runs": 10, "rows": 240_000, "groups": 600, "cold_runs": 5}
    with common.in_process("refpage", __doc__, **spec) as args:
        from django.core.cache import cache
        from django.test import Client
        from django.test.utils import override_settings

        from dispatch_stats import demo

        demo.seed()
        client = Client()
        with override_settings(PUBLIC_CACHE_SECONDS=0):
            _times, _html, queries_before = common.timed_get(client, "/statistics/", 1)
        _copy_rows(args.rows, args.groups)
        cache.clear()
        times, html, queries = common.timed_get(client, "/statistics/", args.runs)
        with override_settings(PUBLIC_CACHE_SECONDS=0):
            rendered, _html, rendered_queries = common.timed_get(client, "/statistics/", args.runs)
            cold, _html, _queries = common.timed_get(
                client, "/statistics/", args.cold_runs, cache.clear
            )
        figures = {
            "reference_rows_added": args.rows,
            "html_bytes": len(html),
            "charts": html.decode().count("data-figure="),
            "queries": queries,
            "queries_rendered": rendered_queries,
            "queries_before_import": queries_before,
            "server_ms_median": round(statistics.median(times), 1),
            **_timings("rendered_ms", rendered),
            **_timings("cold_ms", cold),
            "goal": "HTML < 1 MB, rendered < 200 ms",
        }
        common.report("statistics page after a huge reference import", figures, echo=True)


if __name__ == "__main__":
    main()
