"""Yen conversion and basis rules for scheme amounts: pure Decimal arithmetic, no queries.

Rounding rule (stated on the comparison page too): the original value is multiplied by the rate
exactly, normalised to "per person per year" exactly where the basis allows, and only the final
figure is rounded to a whole yen, halves away from zero (ROUND_HALF_UP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from schemes.models import Amount, ExchangeRate

JPY = "JPY"
ONE_YEN = Decimal("1")


def round_yen(value: Decimal) -> Decimal:
    """Round to a whole yen, halves away from zero."""
    return value.quantize(ONE_YEN, rounding=ROUND_HALF_UP)


def per_person_per_year_normalisable(amount: Amount) -> bool:
    """Whether the data allows "per person per year": only per-person amounts whose period is a
    year, a month (× 12) or a total over a known N years (÷ N). Amounts per team, institution or
    programme, and amounts for a whole term of unknown length, are never normalised (and never
    compared with per-person yearly figures)."""
    if amount.per != Amount.Per.PERSON:
        return False
    if amount.period == Amount.Period.YEARS:
        return bool(amount.period_years)
    return amount.period in (Amount.Period.YEAR, Amount.Period.MONTH)


def per_person_per_year(amount: Amount, exact_yen: Decimal) -> Decimal | None:
    """The exact (unrounded) per-person yearly figure, or None when the basis does not allow it."""
    if not per_person_per_year_normalisable(amount):
        return None
    if amount.period == Amount.Period.MONTH:
        return exact_yen * 12
    if amount.period == Amount.Period.YEARS:
        return exact_yen / Decimal(amount.period_years)
    return exact_yen


@dataclass
class ConvertedAmount:
    """An amount with its yen figures; `rate` is None for yen amounts and for missing rates."""

    amount: Amount
    rate: ExchangeRate | None
    yen: Decimal | None = None
    yen_max: Decimal | None = None
    per_person_year: Decimal | None = None
    per_person_year_max: Decimal | None = None
    on: object = None  # the reference date the rate was looked up for (named when missing)

    @property
    def is_yen(self) -> bool:
        return self.amount.currency == JPY

    @property
    def missing_rate(self) -> bool:
        return not self.is_yen and self.rate is None

    @property
    def comparable(self) -> bool:
        """True when the figure is a per-person yearly amount in yen."""
        return self.per_person_year is not None

    @property
    def normalisable(self) -> bool:
        return per_person_per_year_normalisable(self.amount)

    @property
    def sort_value(self) -> Decimal | None:
        """The upper end of the per-person yearly figure, used to order schemes."""
        return self.per_person_year_max or self.per_person_year


def convert(amount: Amount, rates: dict[str, ExchangeRate], on=None) -> ConvertedAmount:
    """Convert one amount with the rate for its currency (rates: currency → ExchangeRate, the
    latest on or before `on`)."""
    if amount.currency == JPY:
        factor = Decimal(1)
        rate = None
    else:
        rate = rates.get(amount.currency)
        if rate is None:
            return ConvertedAmount(amount=amount, rate=None, on=on)
        factor = rate.jpy_per_unit
    result = ConvertedAmount(amount=amount, rate=rate)
    with localcontext() as ctx:
        ctx.prec = 40
        exact = amount.value * factor
        exact_max = amount.value_max * factor if amount.value_max is not None else None
        result.yen = round_yen(exact)
        result.yen_max = round_yen(exact_max) if exact_max is not None else None
        normalised = per_person_per_year(amount, exact)
        if normalised is not None:
            result.per_person_year = round_yen(normalised)
            if exact_max is not None:
                result.per_person_year_max = round_yen(per_person_per_year(amount, exact_max))
    return result


@dataclass
class SchemeFigures:
    """A scheme with its converted amounts, split into comparable and not comparable ones."""

    scheme: object
    comparable: list[ConvertedAmount] = field(default_factory=list)
    other: list[ConvertedAmount] = field(default_factory=list)

    @property
    def sort_value(self) -> Decimal | None:
        values = [c.sort_value for c in self.comparable if c.sort_value is not None]
        return max(values) if values else None

    @property
    def all(self) -> list[ConvertedAmount]:
        return self.comparable + self.other


def scheme_figures(scheme, rates: dict[str, ExchangeRate], on=None) -> SchemeFigures:
    """Convert every amount of a scheme (its amounts must be prefetched)."""
    figures = SchemeFigures(scheme=scheme)
    for amount in scheme.amounts.all():
        converted = convert(amount, rates, on=on)
        (figures.comparable if converted.comparable else figures.other).append(converted)
    return figures


def sort_figures(rows: list[SchemeFigures], *, descending: bool) -> list[SchemeFigures]:
    """Order by per-person yearly yen; schemes without such a figure always come last (by name)."""
    with_value = [r for r in rows if r.sort_value is not None]
    without = [r for r in rows if r.sort_value is None]
    with_value.sort(key=lambda r: (r.sort_value, r.scheme.name_ja), reverse=descending)
    without.sort(key=lambda r: r.scheme.name_ja)
    return with_value + without
