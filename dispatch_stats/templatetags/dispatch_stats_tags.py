"""Template filters for the statistics pages."""

from django import template

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
