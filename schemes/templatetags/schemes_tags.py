"""Number formatting for scheme amounts: whole yen with separators, original values as given."""

from decimal import Decimal

from django import template

from schemes.models import split_sources

register = template.Library()


@register.filter
def grouped(value) -> str:
    """1600000000 → "1,600,000,000"; keeps decimals only when the value has them."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


@register.filter
def rate(value) -> str:
    """A rate without trailing zeros and never in exponent form: 150.000000 → "150"."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


@register.filter
def source_list(value) -> list[str]:
    """A fact's sources: one per line or separated by " ; "."""
    return split_sources(value or "")
