"""Query side of the bigram search (the SQL function: accounts/migrations/0003_search_function.py).

Apps keep `search_vector = GeneratedField(expression=bigram_vector("title", "body"), ...)` and
filter with `.filter(search_vector=bigram_query("派遣 会議"))`-style lookups via `matches()`.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import (
    BooleanField,
    F,
    FloatField,
    Func,
    GeneratedField,
    Manager,
    Q,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class BigramVector(Func):
    function = "ja_bigram_tsvector"
    output_field = SearchVectorField()


def bigram_vector(*fields: str):
    """Expression for a generated column over the given text fields, joined by newlines."""
    parts = []
    for field in fields:
        if parts:
            parts.append(Value("\n"))
        parts.append(Coalesce(field, Value(""), output_field=TextField()))
    # `||` (not CONCAT) keeps the expression IMMUTABLE, as generated columns require.
    expression = parts[0]
    for part in parts[1:]:
        expression = Func(
            expression,
            part,
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=TextField(),
        )
    return BigramVector(expression)


def search_vector_field(*fields: str) -> GeneratedField:
    return GeneratedField(
        expression=bigram_vector(*fields), output_field=SearchVectorField(), db_persist=True
    )


class DeferSearchVectorManager(Manager):
    """Default manager for models with a search_vector: pages never need the tsvector, which
    is many times the size of the text it indexes, so it is left in the database unless asked
    for. Use `DeferSearchVectorManager.from_queryset(SomeQuerySet)()` to keep named filters."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


def _quote(gram: str) -> str:
    return "'" + gram.replace("\\", "\\\\").replace("'", "''") + "'"


MAX_WORDS = 10


def normalise(text: str) -> str:
    """The form both the index and the queries use: NFKC (full-width ＡＳＰＩＲＥ = aspire,
    ６ = 6, half-width ｶﾀｶﾅ = カタカナ), lower-cased."""
    return unicodedata.normalize("NFKC", text).lower()


def query_words(text: str) -> list[str]:
    """The normalised words of a query that are searched for (at most MAX_WORDS)."""
    return normalise(text).split()[:MAX_WORDS]


def bigram_tsquery(text: str) -> str | None:
    """tsquery text: each word's bigrams as a phrase (<->), words ANDed. None if nothing to find.

    A one-character word matches as a prefix of the bigrams that start with it.
    """
    phrases = []
    for word in query_words(text):
        if len(word) == 1:
            phrases.append(_quote(word) + ":*")
            continue
        grams = [word[i : i + 2] for i in range(len(word) - 1)]
        phrases.append("(" + " <-> ".join(_quote(g) for g in grams[:50]) + ")")
    return " & ".join(phrases) or None


class _TsMatch(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _vector(vector):
    return F("search_vector") if vector is None else vector


def matches(text: str, vector=None) -> Q | None:
    """A Q object for `vector @@ query`, or None when the text has nothing searchable.

    `vector` defaults to the model's stored search_vector column; a small table may pass
    bigram_vector(...) over its fields instead (computed per row, no index)."""
    query = bigram_tsquery(text)
    if query is None:
        return None
    return Q(_TsMatch(_vector(vector), Cast(Value(query), output_field=SearchQueryField())))


def rank(text: str, vector=None):
    """ts_rank of the vector against the query (more and closer occurrences rank higher),
    or None when the text has nothing searchable. Order by it descending."""
    query = bigram_tsquery(text)
    if query is None:
        return None
    return Func(
        _vector(vector),
        Cast(Value(query), output_field=SearchQueryField()),
        function="ts_rank",
        output_field=FloatField(),
    )


_SPACE = re.compile(r"\s+")


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text normalised character by character, and for each normalised character the
    index of the original character it came from (NFKC may turn one character into several)."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in normalise(char):
            chars.append(out)
            origin.append(index)
    return "".join(chars), origin


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of the original text where any of the normalised
    words occurs, found on the normalised text so ＡＳＰＩＲＥ is marked for "aspire"."""
    if not text or not words:
        return []
    norm, origin = _normalised_with_offsets(text)
    spans = []
    for word in words:
        start = norm.find(word)
        while start != -1:
            end = start + len(word)
            spans.append((origin[start], origin[end - 1] + 1))
            start = norm.find(word, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _plain(text: str) -> str:
    return escape(_SPACE.sub(" ", text))


def highlight(text: str, query: str, *, width: int | None = None) -> SafeString:
    """The text (or, with width, a window of about that many characters around the first match)
    escaped, with every occurrence of the query's words wrapped in <mark>. Safe to render:
    only the <mark> tags are markup, everything from the text is escaped."""
    text = text or ""
    spans = match_spans(text, query_words(query))
    start, end = 0, len(text)
    if width is not None and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 4, len(text) - width))
        end = start + width
    parts = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(_plain(text[cursor:span_start]))
        parts.append("<mark>" + _plain(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    parts.append(_plain(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every piece of text is escaped above
