"""The demo schemes' structured facts (keyed by the CSV's English name) and the demo exchange
rates: what the deck states where the CSV is silent, each with its source.

The facts are data (schemes/demo_facts.json); "@deck" there stands for the deck citation
(schemes.models.DECK_CITATION). Text that the CSV marks "not found" is replaced by the deck's
statement, and the deck is then cited as that fact's source.
"""

import json
from decimal import Decimal
from pathlib import Path

from schemes.models import DECK_CITATION

DATA = Path(__file__).parent / "demo_facts.json"


def _cited(value):
    """The value as read, with the deck placeholder replaced by the citation."""
    if isinstance(value, dict):
        return {key: _cited(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cited(item) for item in value]
    return DECK_CITATION if value == "@deck" else value


def _amount(values: dict) -> dict:
    money = {key: Decimal(values[key]) for key in ("value", "value_max") if values[key] is not None}
    return {**values, "value_max": None, **money}


def _load():
    data = _cited(json.loads(DATA.read_text(encoding="utf-8")))
    facts = {
        name: {**spec, "amounts": [_amount(a) for a in spec.get("amounts", [])]}
        for name, spec in data["facts"].items()
    }
    rates = [(r["currency"], r["jpy_per_unit"], r["source"], r["note"]) for r in data["rates"]]
    return facts, rates


FACTS, RATES = _load()
