"""Number formatting for scheme amounts: whole yen with separators, original values as given."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import translation

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


JA_UNITS = [(Decimal(10) ** 12, "兆円", Decimal("0.1")), (Decimal(10) ** 8, "億円", Decimal("0.1"))]


@register.filter
def yen_readable(value) -> str:
    """Large yen in the deck's own units when the page is Japanese: 160000000 → "約1.6億円".
    Empty for small figures and in English (where the grouped figure is enough)."""
    if value is None or not translation.get_language().startswith("ja"):
        return ""
    value = Decimal(value)
    for size, unit, step in JA_UNITS:
        if value >= size:
            scaled = (value / size).quantize(step, rounding=ROUND_HALF_UP).normalize()
            return f"約{format(scaled, ',f')}{unit}"
    if value >= 10**4:
        scaled = (value / 10**4).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"約{int(scaled):,}万円"
    return ""
