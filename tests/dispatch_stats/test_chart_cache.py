"""The statistics page keeps its charts and tables as rendered, under a fingerprint of the data:
any change to a figure, a reference row or a source shows on the next request, with nothing to
invalidate; the same data is not rebuilt."""

import json

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.test import Client
from django.urls import reverse

from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure
from tests.dispatch_stats.factories import (
    ReferenceFigureFactory,
    SourceFactory,
    YearlyFigureFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("dispatch_stats:index")


@pytest.fixture
def figures(db):
    source = SourceFactory(name="国際研究交流の概況（令和6年度）", priority=1)
    for year, value in ((1999, 7000), (2000, 7674), (2001, 7200)):
        YearlyFigureFactory(fiscal_year=year, term="mid_long", researchers=value, source=source)
        YearlyFigureFactory(fiscal_year=year, term="short", researchers=value * 10, source=source)
    flows = SourceFactory(name="OECD STI Scoreboard 2017", priority=2)
    for pair, value in (
        ("Japan -> United States", 18018),
        ("Japan -> China", 5012),
        ("Japan -> Germany", 3001),
    ):
        ReferenceFigureFactory(country_or_pair=pair, value=value, source=flows)
    return source


def charts_json(html: str) -> str:
    """Every figure's JSON on the page, concatenated (json_script blocks)."""
    return "".join(
        part.split("</script>")[0] for part in html.split('type="application/json">')[1:]
    )


def get(client=None) -> str:
    response = (client or Client()).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_yearly_figure_shows_at_once(figures):
    html = get()
    assert "7,674" in html
    YearlyFigure.objects.filter(fiscal_year=2000, term="mid_long").update(researchers=7777)
    html = get()
    assert "7,777" in html and "7,674" not in html
    assert "7777" in charts_json(html)


def test_a_changed_reference_row_or_source_shows_at_once(figures):
    assert "18,018" in get()
    ReferenceFigure.objects.filter(country_or_pair="Japan -> United States").update(value=19000)
    assert "19,000" in get()
    Source.objects.filter(name="OECD STI Scoreboard 2017").update(name="OECD STI Scoreboard 2019")
    html = get()
    assert "OECD STI Scoreboard 2019" in html and "OECD STI Scoreboard 2017" not in html


def test_a_new_import_row_shows_at_once(figures):
    get()
    YearlyFigureFactory(fiscal_year=2002, term="mid_long", researchers=6543, source=figures)
    assert "6543" in charts_json(get())


def test_each_language_has_its_own_copy(figures):
    client = Client()
    assert "年度" in get(client)
    client.post(reverse("accounts:set-language"), {"language": "en", "next": "/"})
    html = get(client)
    assert "Fiscal year" in html


def test_the_same_data_is_served_from_the_cache(figures):
    first = get()
    response = Client().get(URL)
    key = make_template_fragment_key(
        "statistics-charts", [response.context["charts_fingerprint"], "ja"]
    )
    cached = cache.get(key)
    assert cached is not None and "chart-outbound" in cached
    assert cached in first and cached in response.content.decode()
    # Identical data gives the identical fingerprint: a rebuild would not be needed.
    assert json.dumps(response.context["charts_fingerprint"]) == json.dumps(
        Client().get(URL).context["charts_fingerprint"]
    )
