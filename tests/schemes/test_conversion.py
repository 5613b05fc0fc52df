"""Yen conversion: exact Decimal arithmetic, rounding once at the end, and the basis rules."""

import datetime as dt
from decimal import Decimal

import pytest

from schemes.conversion import SchemeFigures, convert, round_yen, sort_figures
from schemes.models import Amount, ExchangeRate, Scheme

RATES = {
    "KRW": ExchangeRate(currency="KRW", date=dt.date(2026, 3, 30), jpy_per_unit=Decimal("0.1")),
    "EUR": ExchangeRate(currency="EUR", date=dt.date(2026, 3, 30), jpy_per_unit=Decimal("183.21")),
}


def amount(value, currency="KRW", per="person", period="year", **kw) -> Amount:
    return Amount(value=Decimal(value), currency=currency, per=per, period=period, **kw)


def test_brain_link_team_amount_converts_but_is_not_comparable():
    c = convert(amount("1600000000", per="team", is_upper_limit=True), RATES)
    assert c.yen == Decimal("160000000")
    assert c.rate is RATES["KRW"]
    assert not c.comparable
    assert c.per_person_year is None


def test_erasmus_budget_in_yen_is_exact():
    c = convert(
        amount("26200000000", "EUR", per="programme", period="years", period_years=7), RATES
    )
    assert c.yen == Decimal("4800102000000")
    assert not c.comparable  # a programme budget is never a per-person figure


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", "1"), ("15", "2"), ("4", "0"), ("14", "1"), ("25", "3")],
)
def test_rounding_to_whole_yen_halves_away_from_zero(value, expected):
    # 0.1 yen per won: 5 won = 0.5 yen → 1; 15 won = 1.5 yen → 2; 25 won = 2.5 yen → 3.
    assert convert(amount(value), RATES).yen == Decimal(expected)


def test_round_yen_helper():
    assert round_yen(Decimal("2.5")) == Decimal("3")
    assert round_yen(Decimal("2.4999")) == Decimal("2")


def test_monthly_per_person_amount_is_normalised_times_twelve_and_rounded_last():
    # 1 won a month is 0.1 yen; times 12 is 1.2 yen → 1. Rounding first would give 0.
    c = convert(amount("1", period="month"), RATES)
    assert c.yen == Decimal("0")
    assert c.per_person_year == Decimal("1")
    assert c.comparable


def test_total_over_n_years_per_person_is_divided_by_n():
    c = convert(amount("2000000", "JPY", period="years", period_years=3), RATES)
    assert c.yen == Decimal("2000000")
    assert c.per_person_year == Decimal("666667")  # 666,666.67 rounded half up
    assert c.rate is None and not c.missing_rate


def test_range_converts_both_ends():
    c = convert(amount("4500000", "JPY", value_max=Decimal("7500000")), RATES)
    assert (c.per_person_year, c.per_person_year_max) == (Decimal("4500000"), Decimal("7500000"))
    assert c.sort_value == Decimal("7500000")


@pytest.mark.parametrize(
    ("per", "period", "years"),
    [
        ("team", "year", None),
        ("institution", "year", None),
        ("programme", "year", None),
        ("person", "whole", None),  # a whole term of unknown length
    ],
)
def test_other_bases_are_never_normalised(per, period, years):
    c = convert(amount("1000", per=per, period=period, period_years=years), RATES)
    assert c.yen == Decimal("100")
    assert c.per_person_year is None
    assert not c.comparable


def test_missing_rate_is_missing_not_zero():
    c = convert(amount("1000", "SGD"), RATES)
    assert c.missing_rate
    assert c.yen is None and c.per_person_year is None
    assert not c.comparable


def _row(name, value=None):
    figures = SchemeFigures(scheme=Scheme(name_ja=name))
    if value is not None:
        c = convert(amount(value, "JPY"), RATES)
        figures.comparable.append(c)
    return figures


@pytest.mark.parametrize("descending", [True, False])
def test_schemes_without_comparable_figure_sort_last_both_ways(descending):
    rows = [_row("c"), _row("a", "100"), _row("b", "300"), _row("d")]
    names = [r.scheme.name_ja for r in sort_figures(rows, descending=descending)]
    expected_head = ["b", "a"] if descending else ["a", "b"]
    assert names == expected_head + ["c", "d"]
