"""Demo schemes: the CSV of foreign and Japanese schemes, completed by the deck where it is silent.

Idempotent: schemes are keyed by slug, amounts by (scheme, label), rates by (currency, date).
"""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from schemes.demo_facts import FACTS, RATES
from schemes.models import DECK_CITATION as DECK
from schemes.models import Amount, ExchangeRate, Scheme, split_sources

CSV_PATH = Path(__file__).parent / "data" / "foreign_schemes.csv"
NOT_FOUND = "not found in sources searched"
RATE_DATE = dt.date(2026, 3, 30)  # the deck's date

COUNTRY_JA = {
    "Singapore": "シンガポール",
    "South Korea": "韓国",
    "China": "中国",
    "EU": "EU",
    "Japan": "日本",
    "Japan / EU": "日本・EU",
}


def _clean(text: str) -> str:
    return "" if text.strip() == NOT_FOUND else text.strip()


def _csv_sources(text: str) -> list[str]:
    """URLs of the CSV row; its parenthetical "(no source found …)" notes are not sources."""
    return [s for s in split_sources(text) if not s.startswith("(")]


def _scheme_values(row: dict, facts: dict) -> dict:
    sources = _csv_sources(row["source_url"]) + [
        s for s in facts.get("sources", []) if s not in row["source_url"]
    ]
    first = sources[0] if sources else DECK
    obligation = row["obligation"].strip()
    if "obligation_prefix" in facts:
        obligation = facts["obligation_prefix"] + "\n" + obligation
    values = {
        "kind": row["kind"],
        "country": COUNTRY_JA.get(row["country"], row["country"]),
        "name_ja": facts.get("name_ja", row["scheme_name_ja"]),
        "name_en": facts.get("name_en", row["scheme_name_en"]),
        "agency": facts.get("agency", _clean(row["agency"])),
        "is_deck_scheme": facts.get("is_deck_scheme", False),
        "target": facts.get("target", row["target"]),
        "target_types": [str(t) for t in facts.get("target_types", [])],
        "target_source": facts.get("target_source", first),
        "duration": facts.get("duration", row["duration"]),
        "duration_months_min": facts.get("duration_months_min"),
        "duration_months_max": facts.get("duration_months_max"),
        "duration_source": facts.get("duration_source", first),
        "support_content": facts.get("support_content", row["support_content"]),
        "pays_for": [str(p) for p in facts.get("pays_for", [])],
        "pays_for_source": facts.get("pays_for_source", first),
        "budget_or_amount": facts.get("budget_or_amount", row["budget_or_amount"]),
        "obligation": facts.get("obligation", obligation),
        "has_return_obligation": facts.get("has_return_obligation", False),
        "has_service_bond": facts.get("has_service_bond", False),
        "service_bond_years_min": facts.get("service_bond_years_min"),
        "service_bond_years_max": facts.get("service_bond_years_max"),
        "obligation_source": facts.get("obligation_source", first),
        "source_urls": "\n".join(sources),
    }
    return values


@transaction.atomic
def seed() -> list[str]:
    """Create or refresh the schemes, their amounts and the demo exchange rates."""
    slugs = []
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            facts = FACTS[row["scheme_name_en"]]
            scheme, _ = Scheme.objects.update_or_create(
                slug=facts["slug"], defaults=_scheme_values(row, facts)
            )
            for position, values in enumerate(facts["amounts"], start=1):
                Amount.objects.update_or_create(
                    scheme=scheme,
                    label=values["label"],
                    defaults={**values, "position": position},
                )
            slugs.append(scheme.slug)
    for currency, jpy, source, note in RATES:
        ExchangeRate.objects.update_or_create(
            currency=currency,
            date=RATE_DATE,
            defaults={"jpy_per_unit": Decimal(jpy), "source": source, "note": note},
        )
    return slugs
