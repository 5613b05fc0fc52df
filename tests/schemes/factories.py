"""factory-boy factories for schemes, amounts and exchange rates."""

import datetime as dt
from decimal import Decimal

import factory

from schemes.models import Amount, ExchangeRate, Scheme


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    slug = factory.Sequence(lambda n: f"scheme-{n}")
    kind = Scheme.Kind.FOREIGN
    country = "韓国"
    name_ja = factory.Sequence(lambda n: f"制度{n:03d}")
    name_en = factory.Sequence(lambda n: f"Scheme {n}")
    agency = "Agency"
    target_types = factory.LazyFunction(lambda: ["phd_student"])
    pays_for = factory.LazyFunction(lambda: ["travel"])
    source_urls = "https://example.org/scheme"


class AmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amount

    scheme = factory.SubFactory(SchemeFactory)
    label = factory.Sequence(lambda n: f"金額{n}")
    value = Decimal("1000000")
    currency = "KRW"
    per = Amount.Per.PERSON
    period = Amount.Period.YEAR
    source = "https://example.org/amount"


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("currency", "date")

    currency = "KRW"
    date = dt.date(2026, 3, 30)
    jpy_per_unit = Decimal("0.1")
    source = "https://example.org/rates"
