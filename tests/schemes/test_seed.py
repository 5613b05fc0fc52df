"""The demo seed: the CSV rows, completed by the deck where the CSV is silent; idempotent."""

import datetime as dt
from decimal import Decimal

import pytest

from schemes import demo
from schemes.models import DECK_CITATION, Amount, ExchangeRate, Scheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    demo.seed()


def test_every_csv_row_becomes_a_scheme_and_seeding_twice_changes_nothing(seeded):
    counts = (Scheme.objects.count(), Amount.objects.count(), ExchangeRate.objects.count())
    assert counts[0] == 16
    demo.seed()
    assert counts == (Scheme.objects.count(), Amount.objects.count(), ExchangeRate.objects.count())


def test_the_four_deck_schemes_are_marked(seeded):
    assert set(Scheme.objects.filter(is_deck_scheme=True).values_list("slug", flat=True)) == {
        "astar-nss-phd",
        "brain-link",
        "csc-high-level-graduate",
        "erasmus-plus-2021-2027",
    }


def test_brain_link_from_the_deck(seeded):
    scheme = Scheme.objects.get(slug="brain-link")
    assert scheme.target_types == ["research_team"]
    assert (scheme.duration_months_min, scheme.duration_months_max) == (36, 36)
    assert scheme.target_source == scheme.duration_source == DECK_CITATION
    assert DECK_CITATION in scheme.source_url_list
    amount = scheme.amounts.get()
    assert (amount.value, amount.currency, amount.per, amount.period, amount.is_upper_limit) == (
        Decimal("1600000000"),
        "KRW",
        Amount.Per.TEAM,
        Amount.Period.YEAR,
        True,
    )
    assert amount.source == DECK_CITATION


def test_astar_csc_and_erasmus_facts_from_the_deck(seeded):
    astar = Scheme.objects.get(slug="astar-nss-phd")
    assert set(astar.pays_for) == {"tuition", "living", "travel"}
    assert astar.duration_months_max == 60
    assert (astar.service_bond_years_min, astar.service_bond_years_max) == (3, 4)
    assert astar.obligation_source == DECK_CITATION
    csc = Scheme.objects.get(slug="csc-high-level-graduate")
    assert csc.has_return_obligation
    assert set(csc.pays_for) == {"travel", "living"}
    erasmus = Scheme.objects.get(slug="erasmus-plus-2021-2027").amounts.get(position=1)
    assert (erasmus.value, erasmus.currency, erasmus.period, erasmus.period_years) == (
        Decimal("26200000000"),
        "EUR",
        Amount.Period.YEARS,
        7,
    )
    nexus = Scheme.objects.get(slug="nexus")
    assert nexus.name_ja.startswith("日ASEAN科学技術・イノベーション協働連携事業")


def test_every_amount_and_rate_has_a_source(seeded):
    assert not Amount.objects.filter(source="").exists()
    assert not ExchangeRate.objects.filter(source="").exists()


def test_demo_rates_are_dated_and_say_what_they_are(seeded):
    krw = ExchangeRate.objects.get(currency="KRW")
    assert (krw.date, krw.jpy_per_unit) == (dt.date(2026, 3, 30), Decimal("0.1"))
    assert ExchangeRate.objects.get(currency="EUR").jpy_per_unit == Decimal("183.21")
    for rate in ExchangeRate.objects.all():
        assert "デモ" in rate.note
