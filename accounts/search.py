"""Query side of the bigram search (see accounts/migrations/0003_search_function.py).

Apps keep `search_vector = GeneratedField(expression=bigram_vector("title", "body"), ...)` and
filter with `.filter(search_vector=bigram_query("派遣 会議"))`-style lookups via `matches()`.
"""

import unicodedata

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db.models import BooleanField, F, Func, GeneratedField, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce


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


def _quote(gram: str) -> str:
    return "'" + gram.replace("\\", "\\\\").replace("'", "''") + "'"


def bigram_tsquery(text: str) -> str | None:
    """tsquery text: each word's bigrams as a phrase (<->), words ANDed. None if nothing to find.

    A one-character word matches as a prefix of the bigrams that start with it.
    """
    words = unicodedata.normalize("NFKC", text).lower().split()
    phrases = []
    for word in words[:10]:
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


def matches(text: str, column: str = "search_vector") -> Q | None:
    """A Q object for `column @@ query`, or None when the text has nothing searchable."""
    query = bigram_tsquery(text)
    if query is None:
        return None
    return Q(_TsMatch(F(column), Cast(Value(query), output_field=SearchQueryField())))
