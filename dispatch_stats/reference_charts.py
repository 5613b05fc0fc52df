"""Bar charts of the reference figures (参考資料), in the reader's language: topic, country and
pair names and units go through a ja/en name table (the data is written in English)."""

import plotly.graph_objects as go
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from dispatch_stats.chart_base import COLOURS, ChartTable, layout
from dispatch_stats.selectors import ReferenceGroup

TOPIC_LABELS = {
    "top10_papers_domestic_vs_international": gettext_noop(
        "Top10% papers and international co-authorship"
    ),
    "world_researcher_flows": gettext_noop("Researcher flows between countries"),
    "researcher_inflow_outflow_share": gettext_noop("Researcher inflow and outflow"),
    "dispatch_detail": gettext_noop("Details of the dispatch survey"),
    "jsps_overseas_research_fellowships": gettext_noop("JSPS Overseas Research Fellowships"),
}

# Country and group names as the data writes them (English) and in Japanese. A name missing
# here is shown as written.
PLACE_NAMES_JA = {
    "Australia": "オーストラリア",
    "Canada": "カナダ",
    "China": "中国",
    "France": "フランス",
    "Germany": "ドイツ",
    "India": "インド",
    "Indonesia": "インドネシア",
    "Italy": "イタリア",
    "Japan": "日本",
    "Japan (and others)": "日本（ほか）",
    "Japan (inbound)": "日本（受入れ）",
    "Japan (outbound)": "日本（派遣）",
    "South Korea": "韓国",
    "United Kingdom": "英国",
    "United States": "米国",
    "Median OECD economy": "OECD諸国の中央値",
    "Returnees (average)": "帰国者（平均）",
    "World": "世界",
    "all": "全体",
}
UNITS_JA = {
    "persons": "人",
    "persons (fractional)": "人（分数カウント）",
    "papers": "論文数",
    "rank": "順位",
    "%": "%",
    "% (approx.)": "%（概数）",
    "% (average)": "%（平均）",
    "percentage points": "ポイント",
    "JPY billion": "十億円",
    "connections": "件",
    "of 9": "9件中",
    "text": "文章",
}


# The metrics that get a chart (groups of three rows or more), as the data names them.
METRICS_JA = {
    "new fellows adopted": "新規採用者数",
    "share in permanent research posts": "常勤研究職に就いた割合",
    "annual net flow of authors (inflow minus outflow)": "著者の年間純流入（流入－流出）",
    "net flow as share of total authors": "著者総数に対する純流入の割合",
    "Top10% adjusted papers (fractional count)": "Top10%補正論文数（分数カウント）",
    "share of domestic (own-country/region) citations among citations to its Top10% papers": (
        "Top10%論文への被引用に占める自国・地域からの引用の割合"
    ),
    "authors moving from Japan to partner": "日本から相手国へ移動した著者数",
    "authors moving from partner to Japan": "相手国から日本へ移動した著者数",
    "top-40 bilateral connections in which the country was a net beneficiary": (
        "上位40の二国間の結びつきのうち純流入となった数"
    ),
}


def _japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


def place_name(name: str) -> str:
    """A country, group or pair ("Japan -> China") in the reader's language."""
    if not _japanese():
        return name
    parts = [part.strip() for part in name.split("->")]
    return "→".join(PLACE_NAMES_JA.get(part, part) for part in parts)


def unit_label(unit: str) -> str:
    return UNITS_JA.get(unit, unit) if _japanese() else unit


def metric_label(metric: str) -> str:
    return METRICS_JA.get(metric, metric) if _japanese() else metric


def topic_label(topic: str) -> str:
    label = TOPIC_LABELS.get(topic)
    return _(label) if label else topic


def _number(value):
    as_int = int(value)
    return as_int if value == as_int else float(value)


def reference_chart(group: ReferenceGroup) -> go.Figure:
    """A bar chart of one reference group: by country (or pair), by period, or grouped by both.
    Flows between countries (pairs written "A -> B") are horizontal bars of pairs."""
    pairs = any("->" in r.country_or_pair for r in group.rows)
    traces = []
    if group.by == "both":
        for period in dict.fromkeys(r.year_or_period for r in group.rows):
            rows = [r for r in group.rows if r.year_or_period == period]
            traces.append(
                go.Bar(
                    x=[place_name(r.country_or_pair) for r in rows],
                    y=[_number(r.value) for r in rows],
                    name=period,
                )
            )
    else:
        labels = [
            place_name(r.country_or_pair) if group.by == "country" else r.year_or_period
            for r in group.rows
        ]
        values = [_number(r.value) for r in group.rows]
        if pairs:
            order = sorted(range(len(values)), key=lambda i: values[i])
            traces.append(
                go.Bar(
                    y=[labels[i] for i in order],
                    x=[values[i] for i in order],
                    orientation="h",
                    marker={"color": COLOURS["total"]},
                    name=unit_label(group.unit),
                )
            )
        else:
            traces.append(
                go.Bar(
                    x=labels,
                    y=values,
                    marker={"color": COLOURS["total"]},
                    name=unit_label(group.unit),
                )
            )
    axis = {"title": {"text": unit_label(group.unit)}, "separatethousands": True}
    # One Figure(...) call: plotly validates the layout once (update_layout per key is slow).
    figure_layout = layout(
        f"{topic_label(group.topic)}: {metric_label(group.metric)}",
        showlegend=group.by == "both",
        hovermode="closest",
        margin={"l": 160 if pairs else 70, "r": 30, "t": 30, "b": 90},
        xaxis=axis if pairs else {},
        yaxis={} if pairs else axis,
    )
    if group.by == "both":
        figure_layout["barmode"] = "group"
    return go.Figure(data=traces, layout=figure_layout)


def reference_table(group: ReferenceGroup, index: int) -> ChartTable:
    return ChartTable(
        slug=f"reference-{index}",
        caption=(
            f"{topic_label(group.topic)}: {metric_label(group.metric)} ({unit_label(group.unit)})"
        ),
        headers=[_("Country or pair"), _("Year or period"), _("Value"), _("Unit"), _("Source")],
        rows=[
            [
                place_name(r.country_or_pair),
                r.year_or_period,
                _number(r.value),
                unit_label(r.unit),
                r.source.label,
            ]
            for r in group.rows
        ],
    )
