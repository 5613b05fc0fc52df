"""The bigram search function finds any Japanese word of two or more characters."""

import pytest
from django.db import connection

from core.search import bigram_tsquery

pytestmark = pytest.mark.django_db

TEXT = "日本人研究者の海外派遣を強化するため、第６回会議でＡＳＰＩＲＥについて議論した。"


def _found(text: str, query: str) -> bool:
    tsquery = bigram_tsquery(query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ja_bigram_tsvector(%s) @@ %s::tsquery", [text, tsquery])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    "query", ["会議", "派遣", "研究者", "海外派遣", "aspire", "ASPIRE", "第6回", "６回"]
)
def test_words_in_the_text_are_found(query):
    assert _found(TEXT, query)


@pytest.mark.parametrize("query", ["受入", "派遣会議", "研究所", "horizon", "第7回"])
def test_words_not_in_the_text_are_not_found(query):
    assert not _found(TEXT, query)


def test_several_words_must_all_be_present():
    assert _found(TEXT, "会議 派遣")
    assert not _found(TEXT, "会議 受入")


def test_quotes_and_backslashes_are_safe():
    assert _found("it's a \\ test", "it's")
    assert bigram_tsquery("   ") is None


def test_single_character_matches_as_prefix():
    assert _found(TEXT, "派")
    assert not _found(TEXT, "米")
