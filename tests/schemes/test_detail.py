"""A scheme's page: every fact with its source, amounts in yen, and the citations section."""

from decimal import Decimal

import pytest
from django.urls import reverse

from schemes.models import DECK_CITATION, Amount
from tests.schemes.factories import AmountFactory, ExchangeRateFactory, SchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brain_link():
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"))
    scheme = SchemeFactory(
        slug="brain-link",
        name_ja="BRAIN LINK事業",
        target_types=["research_team"],
        target_source=DECK_CITATION,
        duration_months_min=36,
        duration_months_max=36,
        duration_source=DECK_CITATION,
        has_service_bond=True,
        service_bond_years_min=3,
        service_bond_years_max=4,
        obligation_source=f"{DECK_CITATION} ; https://example.org/bond",
        source_urls=f"{DECK_CITATION}\nhttps://example.org/brain-link",
    )
    AmountFactory(
        scheme=scheme,
        label="研究チームごとの支援規模",
        value=Decimal("1600000000"),
        per=Amount.Per.TEAM,
        is_upper_limit=True,
        source=DECK_CITATION,
    )
    return scheme


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("client_fixture", ["client", "observer_client", "member_client"])
def test_anyone_may_read_a_scheme(request, client_fixture, htmx, brain_link):
    c = request.getfixturevalue(client_fixture)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = c.get(reverse("schemes:scheme-detail", args=["brain-link"]), **headers)
    assert response.status_code == 200


@pytest.mark.parametrize("htmx", [False, True])
def test_missing_scheme_is_404(client, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    assert client.get(reverse("schemes:scheme-detail", args=["nope"]), **headers).status_code == 404


def test_facts_keep_their_sources_and_amounts_show_the_conversion(client, brain_link):
    html = client.get(reverse("schemes:scheme-detail", args=["brain-link"])).content.decode()
    assert "研究チーム" in html
    assert "36か月" in html
    assert "3～4年間の就業義務" in html
    assert f'<cite class="source-cite">{DECK_CITATION}</cite>' in html
    assert '<a href="https://example.org/bond" rel="noopener noreferrer"' in html
    assert '<a href="https://example.org/brain-link"' in html
    assert "160,000,000円" in html
    assert "原額: 1,600,000,000 KRW" in html
    assert "チーム・課題当たり · 年額 · 上限" in html
    assert "いいえ（基準が異なる）" in html


def test_cited_by_section_is_an_empty_state_for_now(client, member_user, brain_link):
    html = client.get(reverse("schemes:scheme-detail", args=["brain-link"])).content.decode()
    assert "この制度を引用している論点" in html
    assert "この制度を引用している論点はまだありません。" in html


def test_detail_query_count(client, brain_link, django_assert_max_num_queries):
    # Scheme, amounts, rates, and one for the citations (policies.evidence.scheme_citations).
    with django_assert_max_num_queries(4):
        client.get(reverse("schemes:scheme-detail", args=["brain-link"]))


@pytest.mark.parametrize("htmx", [False, True])
def test_scheme_list_is_public(client, htmx, brain_link):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(reverse("schemes:scheme-list"), **headers)
    assert response.status_code == 200
    assert "BRAIN LINK事業" in response.content.decode()


def test_only_http_sources_become_links(client):
    scheme = SchemeFactory(slug="x", source_urls="javascript:alert(1)\nhttps://example.org/ok")
    AmountFactory(scheme=scheme, label="<b>金額</b>", source="javascript:alert(2)", currency="JPY")
    html = client.get(reverse("schemes:scheme-detail", args=["x"])).content.decode()
    assert 'href="javascript:' not in html
    assert '<cite class="source-cite">javascript:alert(1)</cite>' in html
    assert "&lt;b&gt;金額&lt;/b&gt;" in html
    assert '<a href="https://example.org/ok"' in html
