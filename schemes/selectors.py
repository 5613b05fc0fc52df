"""Reads for the scheme pages: the comparison in yen, one scheme's figures, and its citations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from schemes.conversion import SchemeFigures, scheme_figures, sort_figures
from schemes.models import Amount, ExchangeRate, Scheme


def rates_on(on: dt.date) -> dict[str, ExchangeRate]:
    """The latest rate per currency dated on or before `on` (one query)."""
    return {rate.currency: rate for rate in ExchangeRate.objects.latest_on(on)}


def country_choices() -> list[str]:
    """Countries and regions that have at least one scheme, for the filter (one query)."""
    return list(Scheme.objects.order_by("country").values_list("country", flat=True).distinct())


@dataclass
class Comparison:
    on: dt.date
    rows: list[SchemeFigures]
    rates: list[ExchangeRate]


def scheme_comparison(
    user,
    *,
    on: dt.date,
    country: str = "",
    target: str = "",
    kind: str = "",
    sort: str = "amount_desc",
) -> Comparison:
    """Schemes side by side with their amounts in yen at the rate of `on` (latest on or before).

    Anyone may call it (schemes are public). A constant number of queries: schemes, their
    amounts, and the rates. Sorting by amount uses the per-person yearly yen figure; schemes
    with no such figure (per team, whole programme, no amount, missing rate) come last.
    """
    schemes = Scheme.objects.prefetch_related(
        Prefetch("amounts", queryset=Amount.objects.order_by("position", "id"))
    )
    if country:
        schemes = schemes.filter(country=country)
    if target:
        schemes = schemes.targeting(target)
    if kind:
        schemes = schemes.filter(kind=kind)
    rates = rates_on(on)
    rows = [scheme_figures(scheme, rates, on=on) for scheme in schemes]
    if sort in ("amount_desc", "amount_asc"):
        rows = sort_figures(rows, descending=sort == "amount_desc")
    elif sort == "country":
        rows.sort(key=lambda r: (r.scheme.country, r.scheme.name_ja))
    else:
        rows.sort(key=lambda r: r.scheme.name_ja)
    used = {c.rate.currency: c.rate for row in rows for c in row.all if c.rate is not None}
    return Comparison(on=on, rows=rows, rates=[used[k] for k in sorted(used)])


def scheme_choices(user):
    """Schemes for a picker (e.g. the secretariat linking evidence, a member citing one):
    id, slug, name_ja, country and kind only, foreign first. Anyone may call it (one query)."""
    return Scheme.objects.only("id", "slug", "name_ja", "country", "kind").order_by(
        "-kind", "country", "name_ja"
    )


def scheme_cards(user, scheme_ids, *, on: dt.date | None = None) -> list[SchemeFigures]:
    """Compact cards for the given scheme ids, in that order (unknown ids are skipped): each
    a SchemeFigures with the scheme and its amounts in yen at the rate of `on` (default today).
    Render one with ``{% include "schemes/includes/scheme_card.html" with figures=card %}``.
    Anyone may call it; three queries whatever the number of cards."""
    on = on or timezone.localdate()
    ids = list(scheme_ids)
    if not ids:
        return []
    schemes = Scheme.objects.filter(id__in=ids).prefetch_related(
        Prefetch("amounts", queryset=Amount.objects.order_by("position", "id"))
    )
    rates = rates_on(on)
    by_id = {scheme.id: scheme_figures(scheme, rates, on=on) for scheme in schemes}
    return [by_id[i] for i in ids if i in by_id]


def scheme_detail_figures(user, scheme: Scheme, *, on: dt.date) -> SchemeFigures:
    """One scheme's amounts in yen at the rate of `on`; anyone may call it (two queries at most)."""
    return scheme_figures(scheme, rates_on(on), on=on)
