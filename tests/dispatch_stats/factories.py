"""Factories for dispatch_stats tests."""

import factory

from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"国際研究交流の概況 第{n}版")
    priority = 3


class YearlyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyFigure

    fiscal_year = 2000
    direction = "outbound"
    term = "mid_long"
    researchers = 7674
    source = factory.SubFactory(SourceFactory)


class ReferenceFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferenceFigure

    topic = "world_researcher_flows"
    country_or_pair = "Japan -> United States"
    year_or_period = "2010-2024 (cumulative)"
    metric = "authors moving from Japan to partner"
    value = 18018
    unit = "persons"
    source = factory.SubFactory(SourceFactory)
