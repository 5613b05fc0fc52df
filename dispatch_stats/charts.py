"""Pure plotly figure builders (and the data tables shown beside them); no database access.

Annotations (peaks, latest year as a share of the peak) are computed from the series passed
in, so a new import moves them.
"""

import math

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from dispatch_stats.chart_base import COLOURS, ChartTable, figure_json, fmt, layout  # noqa: F401
from dispatch_stats.models import Direction, Term
from dispatch_stats.reference_charts import (  # noqa: F401  (the page's other charts)
    reference_chart,
    reference_table,
    topic_label,
)
from dispatch_stats.selectors import peak_summary


def _headroom(values) -> list:
    """0 to a round number above the largest value (so the top tick is round too)."""
    top = max(values, default=0) * 1.1
    if not top:
        return [0, 1]
    step = 10 ** math.floor(math.log10(top)) / 2
    return [0, math.ceil(top / step) * step]


def term_label(term: str) -> str:
    return {
        Term.TOTAL: _("Total"),
        Term.SHORT: _("Short-term (30 days or less)"),
        Term.MID_LONG: _("Mid/long-term (over 30 days)"),
    }[term]


def _headline(line) -> dict | None:
    summary = peak_summary(line.main_values or line.values) if line else None
    if summary is not None:
        summary["source"] = line.main.label if line.main else line.source_name
    return summary


def outbound_summary(series: dict) -> dict:
    """Peaks and the latest year's share of the total's peak, each from the outbound series'
    main source alone (so a headline never mixes editions) and naming that source."""
    return {
        "total": _headline(series.get((Direction.OUTBOUND, Term.TOTAL))),
        "mid_long": _headline(series.get((Direction.OUTBOUND, Term.MID_LONG))),
    }


MARKED_SYMBOL = "diamond-open"


def _symbols(line) -> list[str]:
    marked = set(line.marked)
    return [MARKED_SYMBOL if year in marked else "circle" for year in line.values]


def year_axis(years) -> dict:
    """Round ticks (every 5 fiscal years) and an axis that ends at the last year with data."""
    years = list(years)
    axis = {"title": {"text": _("Fiscal year")}, "tick0": 2000, "dtick": 5}
    if years:
        axis["range"] = [min(years) - 0.5, max(years) + 0.5]
    return axis


def series_notes(lines) -> list[str]:
    """One footnote per lower-priority source: the years only it gives, and its name."""
    by_source: dict = {}
    for line in lines:
        if not line:
            continue
        for year in line.marked:
            source = line.year_sources[year]
            by_source.setdefault(source, set()).add(year)
    return [
        _("◇ FY%(years)s: only %(source)s (priority %(priority)s) gives this figure.")
        % {
            "years": ", ".join(str(y) for y in sorted(years)),
            "source": source.label,
            "priority": source.priority,
        }
        for source, years in by_source.items()
    ]


def row_sources(lines, year) -> str:
    labels = []
    for line in lines:
        source = line.year_sources.get(year) if line else None
        if source is not None and source.label not in labels:
            labels.append(source.label)
    return "; ".join(labels)


def _values(series: dict, term: str) -> list[int]:
    line = series.get((Direction.OUTBOUND, term))
    return list(line.values.values()) if line else []


def _years(series: dict, term: str, direction: str = Direction.OUTBOUND) -> list[int]:
    line = series.get((direction, term))
    return list(line.values) if line else []


def _arrow(*, x, y, yref: str, text: str, ax: int, ay: int, colour: str | None = None) -> dict:
    """One plotly annotation: an arrow from a white label at (ax, ay) pixels to (x, y)."""
    annotation = {
        "x": x,
        "y": y,
        "xref": "x",
        "yref": yref,
        "text": text,
        "showarrow": True,
        "arrowhead": 2,
        "ax": ax,
        "ay": ay,
        "bgcolor": "#ffffff",
    }
    if colour is not None:
        annotation["font"] = {"color": colour}
    return annotation


def _peak_arrow(s: dict, template: str, *, yref: str, ax: int, ay: int, colour: str) -> dict:
    """The arrow at a series' peak, labelled by `template` (year, value)."""
    text = template % {"year": s["peak_year"], "value": fmt(s["peak"])}
    return _arrow(x=s["peak_year"], y=s["peak"], yref=yref, text=text, ax=ax, ay=ay, colour=colour)


def _peak_annotations(summary: dict) -> list[dict]:
    """Arrows at the mid/long-term and total peaks, and at the latest total (share of peak)."""
    annotations = []
    if summary["mid_long"]:
        template = _("Mid/long-term peak: FY%(year)s %(value)s")
        annotations.append(
            _peak_arrow(
                summary["mid_long"], template, yref="y2", ax=40, ay=-40, colour=COLOURS["mid_long"]
            )
        )
    if summary["total"]:
        s = summary["total"]
        template = _("Total peak: FY%(year)s %(value)s")
        annotations.append(
            _peak_arrow(s, template, yref="y", ax=-60, ay=-30, colour=COLOURS["total"])
        )
        if s["share_of_peak"] is not None:
            text = _("FY%(year)s: %(value)s (%(share)s%% of the peak)") % {
                "year": s["latest_year"],
                "value": fmt(s["latest"]),
                "share": s["share_of_peak"],
            }
            annotations.append(
                _arrow(x=s["latest_year"], y=s["latest"], yref="y", text=text, ax=-40, ay=-50)
            )
    return annotations


def _persons_trace(line, *, name: str, colour: str, yaxis: str | None = None) -> go.Scatter:
    """A series' persons per fiscal year as a line with markers (marked years open)."""
    return go.Scatter(
        x=list(line.values),
        y=list(line.values.values()),
        name=name,
        mode="lines+markers",
        yaxis=yaxis,
        line={"color": colour, "width": 2},
        marker={"size": 7, "symbol": _symbols(line)},
        hovertemplate="%{y:,}" + _(" persons") + "<extra>" + name + "</extra>",
    )


def outbound_chart(series: dict) -> go.Figure:
    """Outbound researchers per fiscal year: total and short-term on the left axis, mid/long-term
    on the right axis (it is about a twentieth of the total), with both peaks annotated."""
    traces = []
    for term, axis in ((Term.TOTAL, "y"), (Term.SHORT, "y"), (Term.MID_LONG, "y2")):
        line = series.get((Direction.OUTBOUND, term))
        if not line or not line.values:
            continue
        traces.append(_persons_trace(line, name=term_label(term), colour=COLOURS[term], yaxis=axis))
    annotations = _peak_annotations(outbound_summary(series))
    return go.Figure(
        data=traces,
        layout=layout(
            _("Researchers sent abroad per fiscal year"),
            xaxis=year_axis(
                y for t in (Term.TOTAL, Term.SHORT, Term.MID_LONG) for y in _years(series, t)
            ),
            yaxis={
                "title": {"text": _("Total and short-term (persons)")},
                "tickformat": ",d",
                "range": _headroom(
                    [v for t in (Term.TOTAL, Term.SHORT) for v in _values(series, t)]
                ),
            },
            yaxis2={
                "title": {"text": _("Mid/long-term (persons)")},
                "tickformat": ",d",
                "overlaying": "y",
                "side": "right",
                "showgrid": False,
                "range": _headroom(_values(series, Term.MID_LONG)),
            },
            annotations=annotations,
        ),
    )


def outbound_table(series: dict) -> ChartTable:
    terms = (Term.TOTAL, Term.SHORT, Term.MID_LONG)
    lines = [series.get((Direction.OUTBOUND, t)) for t in terms]
    years = sorted({y for line in lines if line for y in line.values})
    rows = [
        [year]
        + [line.values.get(year, "") if line else "" for line in lines]
        + [row_sources(lines, year)]
        for year in years
    ]
    return ChartTable(
        slug="outbound",
        caption=_("Researchers sent abroad per fiscal year (persons)"),
        headers=[_("Fiscal year")] + [term_label(t) for t in terms] + [_("Source")],
        rows=rows,
        notes=series_notes(lines),
        source_column=True,
    )


def inbound_outbound_chart(series: dict) -> go.Figure:
    """Total researchers received vs sent, per fiscal year."""
    traces = []
    for direction, colour, name in (
        (Direction.OUTBOUND, COLOURS["total"], _("Outbound (dispatched)")),
        (Direction.INBOUND, COLOURS["inbound"], _("Inbound (received)")),
    ):
        line = series.get((direction, Term.TOTAL))
        if not line or not line.values:
            continue
        traces.append(_persons_trace(line, name=name, colour=colour))
    return go.Figure(
        data=traces,
        layout=layout(
            _("Inbound and outbound researchers (total) per fiscal year"),
            xaxis=year_axis(
                _years(series, Term.TOTAL) + _years(series, Term.TOTAL, Direction.INBOUND)
            ),
            yaxis={"title": {"text": _("Persons")}, "tickformat": ",d", "rangemode": "tozero"},
        ),
    )


def inbound_outbound_table(series: dict) -> ChartTable:
    out = series.get((Direction.OUTBOUND, Term.TOTAL))
    inn = series.get((Direction.INBOUND, Term.TOTAL))
    years = sorted(set(out.values if out else {}) | set(inn.values if inn else {}))
    return ChartTable(
        slug="inbound-outbound",
        caption=_("Inbound and outbound researchers (total) per fiscal year (persons)"),
        headers=[
            _("Fiscal year"),
            _("Outbound (dispatched)"),
            _("Inbound (received)"),
            _("Source"),
        ],
        rows=[
            [
                y,
                out.values.get(y, "") if out else "",
                inn.values.get(y, "") if inn else "",
                row_sources([out, inn], y),
            ]
            for y in years
        ],
        notes=series_notes([out, inn]),
        source_column=True,
    )
