"""What the policies app uses to cite schemes: picker choices, compact cards, the card include."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from schemes import selectors
from schemes.models import Amount, Scheme
from schemes.templatetags.schemes_tags import yen_readable
from tests.schemes.factories import AmountFactory, ExchangeRateFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def test_picker_lists_every_scheme_foreign_first(member_user):
    SchemeFactory(slug="jp", kind=Scheme.Kind.DOMESTIC, country="日本")
    SchemeFactory(slug="kr", kind=Scheme.Kind.FOREIGN, country="韓国")
    assert [s.slug for s in selectors.scheme_choices(member_user)] == ["kr", "jp"]


def test_cards_keep_the_requested_order_and_skip_unknown_ids(
    member_user, django_assert_num_queries
):
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"))
    a, b = SchemeFactory(), SchemeFactory()
    AmountFactory(scheme=a, value=Decimal("1600000000"), per=Amount.Per.TEAM)
    AmountFactory(scheme=b)
    with django_assert_num_queries(3):
        cards = selectors.scheme_cards(member_user, [b.id, 999999, a.id], on=dt.date(2026, 4, 1))
    assert [card.scheme for card in cards] == [b, a]
    assert cards[1].other[0].yen == Decimal("160000000")
    assert cards[1].other[0].rate.date == dt.date(2026, 3, 30)
    assert selectors.scheme_cards(member_user, []) == []


def test_card_include_shows_the_key_number_with_rate_and_link():
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"))
    scheme = SchemeFactory(slug="brain-link", name_ja="BRAIN LINK事業")
    AmountFactory(scheme=scheme, value=Decimal("1600000000"), per=Amount.Per.TEAM)
    (card,) = selectors.scheme_cards(None, [scheme.id], on=dt.date(2026, 4, 1))
    with translation.override("ja"):
        html = render_to_string("schemes/includes/scheme_card.html", {"figures": card})
    assert 'href="/schemes/brain-link/"' in html
    assert "160,000,000円" in html
    assert "約1.6億円" in html
    assert "1 KRW = 0.1円（2026-03-30時点のレート）" in html


@pytest.mark.parametrize(
    ("yen", "expected"),
    [
        ("160000000", "約1.6億円"),
        ("4800102000000", "約4.8兆円"),
        ("17130135000000", "約17.1兆円"),
        ("2198520", "約220万円"),
        ("9999", ""),
        (None, ""),
    ],
)
def test_readable_yen_in_the_decks_units(yen, expected):
    with translation.override("ja"):
        assert yen_readable(Decimal(yen) if yen else None) == expected
    with translation.override("en"):
        assert yen_readable(Decimal("160000000")) == ""


@pytest.mark.parametrize("per", [Amount.Per.PERSON, Amount.Per.TEAM, None])
def test_card_include_renders_whatever_kinds_of_amount_exist(per):
    """A card with only comparable, only other, or no amounts renders (it once raised on the
    unresolvable filter argument and answered 500 on question pages)."""
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"))
    scheme = SchemeFactory()
    if per is not None:
        AmountFactory(scheme=scheme, value=Decimal("1000000"), per=per)
    (card,) = selectors.scheme_cards(None, [scheme.id], on=dt.date(2026, 4, 1))
    with translation.override("ja"):
        html = render_to_string("schemes/includes/scheme_card.html", {"figures": card})
    assert scheme.name_ja in html
    assert ("円" in html) == (per is not None)
