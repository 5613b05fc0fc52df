"""Template filters for the statistics pages."""

from django import template

from dispatch_stats.chart_svg import render_svg
from dispatch_stats.citations import PointComparer

register = template.Library()


@register.filter
def stats_number(value):
    """7674 → 7,674; text is left as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return value


@register.filter
def stats_percent(value):
    """52.5 → 52.5% (kept out of translatable text so the catalogue has no literal %)."""
    return "" if value is None else f"{value}%"


@register.inclusion_tag("dispatch_stats/includes/cited_point.html", takes_context=True)
def stats_cited_point(context, snapshot):
    """A cited data point (series + fiscal year) and, when a later import changed it, what the
    statistics page says now. One comparer per request, so a page of comments costs 2 queries."""
    request = context.get("request")
    comparer = getattr(request, "_stats_point_comparer", None)
    if comparer is None:
        comparer = PointComparer()
        if request is not None:
            request._stats_point_comparer = comparer
    return {"point": comparer.status(snapshot)}


@register.inclusion_tag("dispatch_stats/includes/chart.html")
def stats_chart(figure, chart_id, data_id, label, size=""):
    """A chart as the server draws it (SVG), its figure JSON and the button that asks
    static/js/charts.js for the interactive plotly chart. size: an extra class of the box
    ("chart-small", "evidence-chart")."""
    return {
        "figure": figure,
        "svg": render_svg(figure, id_prefix=chart_id),
        "chart_id": chart_id,
        "data_id": data_id,
        "label": label,
        "size": size,
    }
