"""Reads for the statistics page: one consistent source per series, and reference figure groups.

Figures are public (the page is @public), so these selectors take the acting user only for
symmetry with the rest of the project; nothing here is private.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from dispatch_stats.models import (
    Direction,
    ImportLog,
    ReferenceFigure,
    Source,
    Term,
    YearlyFigure,
)


@dataclass(frozen=True)
class SourceInfo:
    """The source of a figure as the page cites it: name, edition, URL and priority."""

    id: int | None
    name: str
    edition: str = ""
    url: str = ""
    priority: int | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.edition})" if self.edition else self.name


@dataclass
class Series:
    """One chart series: per fiscal year, the figure of the best source that has that year.

    `main` is the series' headline source (the best-priority source that covers most of the
    series; on a tie the one reaching the latest year); `main_values` are its own figures, from
    which the headlines are computed. `marked` are the years whose figure comes from a source of
    lower priority than `main` (drawn with another marker and footnoted).
    """

    direction: str
    term: str
    values: dict[int, int] = field(default_factory=dict)
    source_name: str = ""
    source_url: str = ""
    source_priority: int | None = None
    derived: bool = False  # some totals computed as short + mid/long
    alternatives: int = 0  # other sources that also give this series
    year_sources: dict[int, SourceInfo] = field(default_factory=dict)
    main: SourceInfo | None = None
    main_values: dict[int, int] = field(default_factory=dict)
    marked: list[int] = field(default_factory=list)
    derived_years: list[int] = field(default_factory=list)


def _figure_rows():
    """Every yearly figure with its source, grouped per series and source (one query)."""
    by_series: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    rows = YearlyFigure.objects.values_list(
        "direction",
        "term",
        "fiscal_year",
        "researchers",
        "source_id",
        "source__name",
        "source__edition",
        "source__url",
        "source__priority",
    )
    for direction, term, year, researchers, source_id, name, edition, url, priority in rows:
        entry = by_series[(direction, term)].setdefault(
            source_id,
            {"source": SourceInfo(source_id, name, edition, url, priority), "values": {}},
        )
        entry["values"][year] = researchers
    return by_series


def _main_source(sources: list[dict], years: int) -> dict:
    """Headline source: among sources covering at least half the series' years (or the most
    complete one), the best priority; then the latest year reached; then coverage."""
    widest = max(len(s["values"]) for s in sources)
    full = [s for s in sources if len(s["values"]) * 2 >= years] or [
        s for s in sources if len(s["values"]) == widest
    ]
    return min(
        full,
        key=lambda s: (
            s["source"].priority,
            -max(s["values"]),
            -len(s["values"]),
            s["source"].name,
        ),
    )


def _best_series(key: tuple[str, str], sources: dict[int, dict]) -> Series:
    """Per year the highest-priority figure (the main source first on a tie)."""
    years = {year for s in sources.values() for year in s["values"]}
    main = _main_source(list(sources.values()), len(years))
    ranked = sorted(
        sources.values(),
        key=lambda s: (s["source"].priority, s is not main, s["source"].name),
    )
    series = Series(
        direction=key[0],
        term=key[1],
        source_name=main["source"].label,
        source_url=main["source"].url,
        source_priority=main["source"].priority,
        alternatives=len(sources) - 1,
        main=main["source"],
        main_values=dict(sorted(main["values"].items())),
    )
    for year in sorted(years):
        best = next(s for s in ranked if year in s["values"])
        series.values[year] = best["values"][year]
        series.year_sources[year] = best["source"]
        if best["source"].priority > main["source"].priority:
            series.marked.append(year)
    return series


def _derive_totals(chosen: dict[tuple[str, str], Series]) -> None:
    """A total missing for a year is short + mid/long when both are known (marked derived)."""
    for direction in Direction.values:
        short = chosen.get((direction, Term.SHORT))
        mid = chosen.get((direction, Term.MID_LONG))
        if not short or not mid:
            continue
        total = chosen.get((direction, Term.TOTAL))
        if total is None:
            total = Series(
                direction=direction,
                term=Term.TOTAL,
                source_name=short.source_name,
                source_url=short.source_url,
                main=short.main,
            )
            chosen[(direction, Term.TOTAL)] = total
        for year in sorted(set(short.values) & set(mid.values)):
            if year not in total.values:
                total.values[year] = short.values[year] + mid.values[year]
                total.year_sources[year] = short.year_sources[year]
                total.derived_years.append(year)
                total.derived = True
        for year in sorted(set(short.main_values) & set(mid.main_values)):
            total.main_values.setdefault(year, short.main_values[year] + mid.main_values[year])
        total.values = dict(sorted(total.values.items()))
        total.main_values = dict(sorted(total.main_values.items()))


def chart_series(*, user=None) -> dict[tuple[str, str], Series]:
    """Per (direction, term), the best figure per fiscal year, in one query.

    Rule, shown on the page: for each series and fiscal year, the figure of the highest-priority
    source that has it (1 = MEXT release … 4 = derived). A year only a lower-priority source has
    is kept, marked and footnoted. Headlines use the main source's own figures.
    """
    chosen = {key: _best_series(key, sources) for key, sources in _figure_rows().items()}
    _derive_totals(chosen)
    return chosen


@dataclass
class Conflict:
    """Two or more sources giving different figures for one series and fiscal year."""

    direction: str
    term: str
    fiscal_year: int
    figures: list[tuple[SourceInfo, int]]


def source_conflicts(*, user) -> list[Conflict]:
    """Where sources disagree, for admins (the page that shows it is admin-only)."""
    conflicts = []
    for (direction, term), sources in sorted(_figure_rows().items()):
        years = sorted({year for s in sources.values() for year in s["values"]})
        for year in years:
            figures = sorted(
                ((s["source"], s["values"][year]) for s in sources.values() if year in s["values"]),
                key=lambda item: (item[0].priority, item[0].name),
            )
            if len({value for _source, value in figures}) > 1:
                conflicts.append(Conflict(direction, term, year, figures))
    return conflicts


def peak_summary(values: dict[int, int]) -> dict | None:
    """Peak year and value, latest year and value, and the latest as a percentage of the peak."""
    if not values:
        return None
    peak_year = max(values, key=lambda year: (values[year], -year))
    latest_year = max(values)
    peak = values[peak_year]
    latest = values[latest_year]
    return {
        "peak_year": peak_year,
        "peak": peak,
        "latest_year": latest_year,
        "latest": latest,
        "share_of_peak": round(latest / peak * 100, 1) if peak else None,
    }


# The deck's order of 参考資料; topics not listed follow alphabetically.
TOPIC_ORDER = [
    "top10_papers_domestic_vs_international",
    "world_researcher_flows",
    "researcher_inflow_outflow_share",
    "dispatch_detail",
    "jsps_overseas_research_fellowships",
]


@dataclass
class ReferenceGroup:
    """Reference figures sharing topic, metric and unit: one bar chart."""

    topic: str
    metric: str
    unit: str
    rows: list  # ReferenceFigure objects with numeric values
    by: str  # "country", "period" or "both"
    sources: list[str]
    total_rows: int = 0  # rows of the group in the database; `rows` holds at most the cap
    # A digest of every field of the rows and their sources as read (data_fingerprint).
    digest: str = ""


# A legal but huge import must not make the public page huge: at most this many charts, each of
# at most this many rows; the page says so and links the full export.
MAX_REFERENCE_GROUPS = 24
ROWS_PER_REFERENCE_GROUP = 50


def reference_groups(*, user=None, min_rows: int = 3) -> list[ReferenceGroup]:
    """Numeric reference figures grouped for bar charts (groups of at least min_rows), capped
    at MAX_REFERENCE_GROUPS groups of ROWS_PER_REFERENCE_GROUP rows; one query.

    It reads only what the page shows, however many rows were imported: the groups and their
    sizes from ReferenceGroupSize (kept by triggers), and each chart's first rows through one
    LIMIT per group on the index reference_figure_chart_rows.
    """
    figure_fields = ReferenceFigure._meta.concrete_fields
    source_fields = Source._meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            _GROUP_ROWS_SQL.format(
                figures=", ".join(f"f.{f.column}" for f in figure_fields),
                sources=", ".join(f"s.{f.column}" for f in source_fields),
            ),
            [TOPIC_ORDER, min_rows, MAX_REFERENCE_GROUPS, ROWS_PER_REFERENCE_GROUP],
        )
        rows = cursor.fetchall()
    figure_names = [f.attname for f in figure_fields]
    source_names = [f.attname for f in source_fields]
    split = len(figure_names)
    sources: dict[int, Source] = {}
    groups: dict[tuple, list] = {}
    sizes: dict[tuple, int] = {}
    digests = {}  # per group: sha256 of its rows as read
    for row in rows:
        figure = ReferenceFigure.from_db("default", figure_names, row[:split])
        source_row = row[split:-1]
        if source_row[0] not in sources:
            sources[source_row[0]] = Source.from_db("default", source_names, source_row)
        figure.source = sources[source_row[0]]
        key = (figure.topic, figure.metric, figure.unit)
        groups.setdefault(key, []).append(figure)
        sizes[key] = row[-1]
        digests.setdefault(key, hashlib.sha256()).update(repr(row).encode())
    return [
        _reference_group(key, figures, sizes[key], digests[key].hexdigest())
        for key, figures in groups.items()
    ]


# Django has no LATERAL join. The groups in the page's order (the deck's topics first, then by
# code point as Python sorts, whatever the database's locale), then each group's first rows in
# the model's order, read from the index.
_GROUP_ROWS_SQL = """
WITH shown AS (
  SELECT topic, metric, unit, numeric_rows,
    row_number() OVER (ORDER BY coalesce(array_position(%s::text[], topic::text), 99),
      topic COLLATE "C", metric COLLATE "C", unit COLLATE "C") AS place
  FROM dispatch_stats_referencegroupsize WHERE numeric_rows >= %s
  ORDER BY place LIMIT %s
)
SELECT {figures}, {sources}, shown.numeric_rows
FROM shown CROSS JOIN LATERAL (
  SELECT * FROM dispatch_stats_referencefigure r
  WHERE r.value IS NOT NULL AND r.topic = shown.topic AND r.metric = shown.metric
    AND r.unit = shown.unit
  ORDER BY r.country_or_pair, r.year_or_period, r.id LIMIT %s
) f
JOIN dispatch_stats_source s ON s.id = f.source_id
ORDER BY shown.place, f.country_or_pair, f.year_or_period, f.id
"""


def _reference_group(key: tuple, rows: list, total: int, digest: str) -> ReferenceGroup:
    topic, metric, unit = key
    countries = {r.country_or_pair for r in rows}
    periods = {r.year_or_period for r in rows}
    by = (
        "both"
        if len(countries) > 1 and len(periods) > 1
        else ("country" if len(countries) > 1 else "period")
    )
    return ReferenceGroup(
        topic=topic,
        metric=metric,
        unit=unit,
        rows=rows,
        by=by,
        sources=sorted({r.source.name for r in rows}),
        total_rows=total,
        digest=digest,
    )


def reference_figures_all(*, user=None):
    """Every reference figure with its source, for tables and export."""
    return ReferenceFigure.objects.select_related("source")


def yearly_figures_all(*, user=None):
    """Every yearly figure with its source, for export."""
    return YearlyFigure.objects.select_related("source").order_by(
        "direction", "term", "fiscal_year", "source__priority", "source__name"
    )


def import_logs(*, user):
    """Import history for admins (the view is admin_required)."""
    return ImportLog.objects.select_related("user", "source")


def data_fingerprint(series: dict[tuple[str, str], Series], groups: list[ReferenceGroup]) -> str:
    """A digest of everything the charts and their tables are built from: every chosen series
    (values and source) and every field of each reference row and of its source (each group's
    digest of its rows as read). Equal digests mean equal pages, so a rendered copy can be
    reused without invalidation."""
    digest = hashlib.sha256()
    for key in sorted(series):
        digest.update(repr(series[key]).encode())
    for group in groups:
        heading = (group.topic, group.metric, group.unit, group.by, group.sources, group.total_rows)
        digest.update(repr((heading, group.digest)).encode())
    return digest.hexdigest()
