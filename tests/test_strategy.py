"""The interim strategy page and the glossary tooltips."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from policies.glossary import glossarize

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", verbosity=0)


def test_strategy_page_shows_three_pillars_and_measures(
    client, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("strategy:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for title in [
        "開放性を持った魅力ある研究環境の構築",
        "国際連携の戦略的強化",
        "研究インテグリティ及び研究セキュリティの確保",
    ]:
        assert title in html
    assert "海外特別研究員事業" in html
    # ASPIRE appears with its full name in a tooltip tied to the focusable abbreviation.
    assert 'role="tooltip"' in html and "先端国際共同研究推進事業" in html


def test_glossary_page_lists_terms(client, seeded):
    html = client.get(reverse("strategy:glossary")).content.decode()
    assert "SATREPS" in html and "地球規模課題対応国際科学技術協力プログラム" in html


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_glossarize_escapes_and_links_tooltip():
    html = glossarize("<b>ASPIRE</b> と ASPIRE と SICORPS", {"ASPIRE": "先端<国際>", "SICORP": "x"})
    parser = _Collector()
    parser.feed(str(html))
    tags = [t for t, _ in parser.tags]
    assert "b" not in tags  # the user's markup is text, not HTML
    abbrs = [a for t, a in parser.tags if t == "abbr"]
    assert len(abbrs) == 1  # first occurrence only; SICORPS is not SICORP
    tip_id = abbrs[0]["aria-describedby"]
    assert any(a.get("id") == tip_id and a.get("role") == "tooltip" for _, a in parser.tags)
    assert "先端&lt;国際&gt;" in str(html)
