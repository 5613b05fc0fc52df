"""The comparison page: public, filterable, sorted by yen per person per year, clear on bases."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schemes.models import Amount, Scheme
from tests.schemes.factories import AmountFactory, ExchangeRateFactory, SchemeFactory

pytestmark = pytest.mark.django_db

URL = reverse("schemes:compare")


def slugs(response) -> list[str]:
    return [row.scheme.slug for row in response.context["comparison"].rows]


@pytest.fixture
def data():
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"))
    ExchangeRateFactory(currency="EUR", jpy_per_unit=Decimal("183.21"))
    korea = SchemeFactory(slug="kr-person", country="韓国", name_ja="韓国個人")
    AmountFactory(scheme=korea, value=Decimal("350000000"), currency="KRW")  # 35,000,000 yen
    team = SchemeFactory(
        slug="kr-team", country="韓国", name_ja="韓国チーム", target_types=["research_team"]
    )
    AmountFactory(scheme=team, value=Decimal("1600000000"), per=Amount.Per.TEAM)
    japan = SchemeFactory(
        slug="jp-postdoc",
        kind=Scheme.Kind.DOMESTIC,
        country="日本",
        name_ja="日本ポスドク",
        target_types=["postdoc"],
    )
    AmountFactory(scheme=japan, value=Decimal("7500000"), currency="JPY")
    monthly = SchemeFactory(slug="eu-monthly", country="EU", name_ja="EU月額")
    AmountFactory(
        scheme=monthly, value=Decimal("1000"), currency="EUR", period=Amount.Period.MONTH
    )  # 1000 × 183.21 × 12 = 2,198,520 yen a year
    SchemeFactory(slug="no-amount", country="シンガポール", name_ja="金額なし")
    sgd = SchemeFactory(slug="sgd", country="シンガポール", name_ja="レートなし")
    AmountFactory(scheme=sgd, value=Decimal("5000"), currency="SGD")


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "client_fixture", ["client", "observer_client", "member_client", "secretariat_client"]
)
def test_anyone_may_read_the_comparison(request, client_fixture, htmx, data):
    c = request.getfixturevalue(client_fixture)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = c.get(URL, {"kind": "foreign"}, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="compare-table"' in html
    assert ("<html" in html) is not htmx  # HTMX gets the named partial only


def test_sorted_by_yen_per_person_per_year_with_others_last(client, data):
    response = client.get(URL, {"sort": "amount_desc"})
    assert slugs(response) == [
        "kr-person",  # 35,000,000 yen
        "jp-postdoc",  # 7,500,000 yen
        "eu-monthly",  # 1,000 EUR a month = 2,198,520 yen a year
        # No per-person yearly figure: last, by name (レートなし, 金額なし, 韓国チーム).
        "sgd",  # missing rate
        "no-amount",
        "kr-team",  # per team
    ]
    ascending = slugs(client.get(URL, {"sort": "amount_asc"}))
    assert ascending[:3] == ["eu-monthly", "jp-postdoc", "kr-person"]
    assert set(ascending[3:]) == {"kr-team", "sgd", "no-amount"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "foreign"}, {"kr-person", "kr-team", "eu-monthly", "no-amount", "sgd"}),
        ({"kind": "domestic"}, {"jp-postdoc"}),
        ({"country": "韓国"}, {"kr-person", "kr-team"}),
        ({"target": "research_team"}, {"kr-team"}),
        ({"target": "postdoc", "kind": "domestic"}, {"jp-postdoc"}),
        ({"country": "韓国", "kind": "domestic"}, set()),
    ],
)
def test_filters(client, data, params, expected):
    assert set(slugs(client.get(URL, params))) == expected


def test_invalid_filter_is_reported_next_to_the_field_and_ignored(client, data):
    response = client.get(URL, {"kind": "martian", "country": "韓国"})
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert set(slugs(response)) == {"kr-person", "kr-team"}  # the valid filter still applies
    assert 'id="id_kind_error"' in response.content.decode()


def test_figures_state_their_basis_rate_date_and_original(client, data):
    html = client.get(URL, {"country": "韓国"}).content.decode()
    assert "35,000,000円" in html
    assert "1 KRW = 0.1円（2026-03-30時点のレート）" in html
    assert "原額: 350,000,000 KRW" in html
    assert "1人当たり · 年額" in html
    assert "チーム・課題当たり · 年額" in html
    # The team figure sits in the "not compared" column, never in the per-person column.
    team_row = html[html.index('data-scheme="kr-team"') :]
    team_row = team_row[: team_row.index("</tr>")]
    cells = team_row.split('<td class="figures">')
    assert "1人当たり年額なし" in cells[1]
    assert "160,000,000円" in cells[2]


def test_missing_rate_is_shown_as_missing_not_zero(client, data):
    html = client.get(URL, {"country": "シンガポール"}).content.decode()
    assert "以前のSGDの為替レートがないため円換算していません" in html
    assert "原額: 5,000 SGD" in html
    assert "0円" not in html


def test_latest_rate_on_or_before_the_reference_date(client, data):
    ExchangeRateFactory(currency="KRW", date=dt.date(2026, 1, 5), jpy_per_unit=Decimal("0.09"))
    ExchangeRateFactory(currency="KRW", date=dt.date(2026, 6, 1), jpy_per_unit=Decimal("0.2"))
    html = client.get(URL, {"country": "韓国", "on": "2026-04-01"}).content.decode()
    assert "1 KRW = 0.1円（2026-03-30時点のレート）" in html
    html = client.get(URL, {"country": "韓国", "on": "2026-02-01"}).content.decode()
    assert "1 KRW = 0.09円（2026-01-05時点のレート）" in html
    assert "31,500,000円" in html
    html = client.get(URL, {"country": "韓国", "on": "2026-01-01"}).content.decode()
    # The missing rate names the currency and the date it was looked up for.
    assert "2026-01-01以前のKRWの為替レートがないため円換算していません" in html


def _build(n: int):
    ExchangeRateFactory(currency="KRW")
    ExchangeRateFactory(currency="EUR", jpy_per_unit=Decimal("183.21"))
    for i in range(n):
        scheme = SchemeFactory(country=f"国{i % 4}")
        AmountFactory(scheme=scheme)
        AmountFactory(scheme=scheme, currency="EUR", per=Amount.Per.PROGRAMME)


def test_query_count_is_constant_whatever_the_number_of_schemes(
    client, django_assert_max_num_queries
):
    _build(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, {"sort": "amount_desc"}).status_code == 200
    _build(30)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, {"sort": "amount_desc"})
    assert len(response.context["comparison"].rows) == 33
    assert len(small) == len(large)
    with django_assert_max_num_queries(4):
        client.get(URL, {"kind": "foreign"}, HTTP_HX_REQUEST="true")
