"""XSS targets for the statistics fields added by issue 14: a source's edition is shown beside its
name in every citation of a figure (headlines, the source table, the data tables' 出典 column)."""

import pytest

from tests.dispatch_stats.factories import SourceFactory, YearlyFigureFactory
from tests.security.test_xss_payloads import Target
from tests.security.test_xss_payloads import (
    test_payloads_never_come_back_executable as payloads_never_come_back_executable,
)

pytestmark = pytest.mark.django_db


def _source_with_edition():
    source = SourceFactory(edition="令和5年度")
    for year in (2000, 2001, 2002):
        for term in ("short", "mid_long"):
            YearlyFigureFactory(fiscal_year=year, term=term, source=source)
    return source


TARGETS = [
    Target(
        "statistics source edition",
        _source_with_edition,
        ("edition",),
        lambda s: ["/statistics/"],
        viewer="anonymous",
    ),
]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_statistics_payloads_never_come_back_executable(target):
    payloads_never_come_back_executable(target)
