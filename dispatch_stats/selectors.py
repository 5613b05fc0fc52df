"""Reads for the statistics page: one consistent source per series, and reference figure groups.

Figures are public (the page is @public), so these selectors take the acting user only for
symmetry with the rest of the project; nothing here is private.
"""

import hashlib
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from dispatch_stats.models import Direction, ImportLog, ReferenceFigure, Term, YearlyFigure


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


# A legal but huge import must not make the public page huge: at most this many charts, each of
# at most this many rows; the page says so and links the full export.
MAX_REFERENCE_GROUPS = 24
ROWS_PER_REFERENCE_GROUP = 50


def reference_groups(*, user=None, min_rows: int = 3) -> list[ReferenceGroup]:
    """Numeric reference figures grouped for bar charts (groups of at least min_rows), capped
    at MAX_REFERENCE_GROUPS groups of ROWS_PER_REFERENCE_GROUP rows; two queries."""
    numeric = ReferenceFigure.objects.filter(value__isnull=False)
    sizes = {
        (g["topic"], g["metric"], g["unit"]): g["n"]
        for g in numeric.order_by()
        .values("topic", "metric", "unit")
        .annotate(n=Count("pk"))
        .filter(n__gte=min_rows)
    }
    keys = sorted(sizes, key=_group_order)[:MAX_REFERENCE_GROUPS]
    if not keys:
        return []
    wanted = reduce(operator.or_, (Q(topic=t, metric=m, unit=u) for t, m, u in keys))
    group_fields = [F("topic"), F("metric"), F("unit")]
    order = ReferenceFigure._meta.ordering
    figures = (
        numeric.filter(wanted)
        .select_related("source")
        .annotate(rank=Window(RowNumber(), partition_by=group_fields, order_by=[*order, "pk"]))
        .filter(rank__lte=ROWS_PER_REFERENCE_GROUP)
        .order_by(*order, "pk")
    )
    groups: dict[tuple, list] = defaultdict(list)
    for figure in figures:
        groups[(figure.topic, figure.metric, figure.unit)].append(figure)
    return [_reference_group(key, groups[key], sizes[key]) for key in keys]


def _group_order(key: tuple) -> tuple:
    topic, metric, _unit = key
    return (TOPIC_ORDER.index(topic) if topic in TOPIC_ORDER else 99, topic, metric)


def _reference_group(key: tuple, rows: list, total: int) -> ReferenceGroup:
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
    (values and source) and every field of each reference row and of its source. Equal
    digests mean equal pages, so a rendered copy can be reused without invalidation."""
    digest = hashlib.sha256()
    for key in sorted(series):
        digest.update(repr(series[key]).encode())
    for group in groups:
        heading = (group.topic, group.metric, group.unit, group.by, group.sources, group.total_rows)
        digest.update(repr(heading).encode())
        for row in group.rows:
            digest.update(repr(_field_values(row)).encode())
            digest.update(repr(_field_values(row.source)).encode())
    return digest.hexdigest()


def _field_values(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)
