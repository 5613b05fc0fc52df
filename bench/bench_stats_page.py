"""The statistics page with the real figures: HTML and figure-JSON bytes, server time, queries.

Usage: `.venv/bin/python bench/bench_stats_page.py [--runs 20]` with DATABASE_URL set as for the
app (unset: the embedded server). It creates its own throwaway database
(`test_bench_stats_<pid>`), loads the real survey and reference figures through the import
service (as the demo does), requests the page through django.test.Client and drops the
database at the end. plotly.js itself (a static file, cached by the browser) is reported
separately.

Goal (issue 5): HTML+JSON under 200 KB without plotly.js. Issue 14: the page with 10 sources
over 50 years makes the same number of queries as with 1 source (printed as queries_1_source
and queries_10_sources, with their median server times).
"""

from __future__ import annotations

import gzip
import re
import statistics

import common


def main() -> None:
    with common.in_process("stats", __doc__, runs=20) as args:
        from django.test import Client

        from dispatch_stats import demo

        demo.seed()
        client = Client()
        url = "/statistics/"
        times, html, queries = common.timed_get(client, url, args.runs)
        json_bytes = sum(
            len(m.encode())
            for m in re.findall(
                r'<script id="[^"]+" type="application/json">(.*?)</script>', html.decode(), re.S
            )
        )
        plotly = common.ROOT / "static" / "vendor" / "plotly" / "plotly-basic.min.js"
        figures = {
            "html_bytes_incl_json": len(html),
            "json_bytes": json_bytes,
            "html_gzip_bytes": len(gzip.compress(html)),
            "charts": html.decode().count("data-figure="),
            "server_ms_median": round(statistics.median(times), 1),
            "server_ms_max": round(max(times), 1),
            "queries": queries,
            "plotly_js_bytes": plotly.stat().st_size,
            "plotly_js_gzip_bytes": len(gzip.compress(plotly.read_bytes())),
            "goal": "HTML+JSON < 200 KB",
        }
        figures.update(_sources_scaling(client, url, args.runs))
        common.report("statistics page", figures, echo=True)


def _measure(client, url: str, runs: int) -> tuple[int, float]:
    times, _body, queries = common.timed_get(client, url, runs)
    return queries, round(statistics.median(times), 1)


def _sources_scaling(client, url: str, runs: int) -> dict:
    """1 source, then 10 sources, each with 50 fiscal years of all six series."""
    from dispatch_stats.models import Source, YearlyFigure

    YearlyFigure.objects.all().delete()
    series = [(d, t) for d in ("outbound", "inbound") for t in ("short", "mid_long", "total")]

    def add_source(index: int) -> None:
        source = Source.objects.create(name=f"bench source {index}", priority=index % 4 + 1)
        YearlyFigure.objects.bulk_create(
            YearlyFigure(
                fiscal_year=year,
                direction=direction,
                term=term,
                researchers=year * 10 + index,
                source=source,
            )
            for year in range(1975, 2025)
            for direction, term in series
        )

    add_source(1)
    one_queries, one_ms = _measure(client, url, runs)
    for index in range(2, 11):
        add_source(index)
    ten_queries, ten_ms = _measure(client, url, runs)
    return {
        "queries_1_source": one_queries,
        "queries_10_sources": ten_queries,
        "server_ms_1_source": one_ms,
        "server_ms_10_sources": ten_ms,
        "queries_goal": "10 sources x 50 years: same queries as 1 source",
    }


if __name__ == "__main__":
    main()
