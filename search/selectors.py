"""The site search: one box over every kind the apps declare (core.searchables).

Text is matched through the bigram tsvectors (core.search), so any Japanese word of two or more
characters is found and full-width/half-width forms match. What each kind returns comes from
the owning app's own visibility rule, so search never shows what the user could not open: one
query per kind, ranked by ts_rank, with the total from a window count.
"""

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Window

from core.search import matches, rank
from core.searchables import Hit, search_kinds

# Longer queries are cut here (and core.search keeps at most 10 words of at most 51 chars).
MAX_QUERY_LENGTH = 200
PER_KIND = 5
# At most this many matches per kind are ranked and counted ("500+" beyond).
CANDIDATES = 500
PER_PAGE = 20


@dataclass
class KindResults:
    key: str
    label: str
    hits: list[Hit]
    total: int

    @property
    def capped(self) -> bool:
        return self.total >= CANDIDATES


def clean_query(raw) -> str:
    """The query as searched: stripped and cut to MAX_QUERY_LENGTH characters."""
    return (raw or "").strip()[:MAX_QUERY_LENGTH]


def kind_labels() -> dict[str, str]:
    """{key: label} of every searchable kind, in page order."""
    return {key: kind.label for key, kind in search_kinds().items()}


def search_queryset(user, q: str, kind: str) -> QuerySet | None:
    """The ranked queryset behind search_kind (None for a blank query), each row annotated
    with `search_rank` and `search_total`. Anyone may call it; it holds only what the user
    may open."""
    spec = search_kinds()[kind]
    condition = matches(q, spec.vector)
    if condition is None:
        return None
    visible = spec.visible(user)
    # Ranking (or even ordering) reads every match's row, so a word found in tens of
    # thousands of comments would cost a heap visit per match (200 ms at 16,000). Instead the
    # first CANDIDATES matches the GIN index yields (storage order, no ORDER BY) are ranked:
    # the scan stops there, which keeps a search fast at any size. Below the cap, which real
    # committee data stays far under, the ranking and the count are exact. No ORDER BY on
    # purpose: with one, PostgreSQL (which underestimates phrase matches of correlated
    # bigrams) must fetch every match before it can return the first.
    candidates = visible.filter(condition).order_by().values("pk")[:CANDIDATES]
    return (
        visible.filter(pk__in=candidates)
        .annotate(search_rank=rank(q, spec.vector), search_total=Window(Count("*")))
        .order_by(F("search_rank").desc(), "-pk")
    )


def search_kind(user, q: str, kind: str, *, offset: int = 0, limit: int = PER_KIND):
    """One kind's results for the user: (hits, total), total capped at CANDIDATES. Anyone may
    call it; it shows only what the user may open (the owning app's visibility rules).
    One query, none for a blank query."""
    qs = search_queryset(user, q, kind)
    if qs is None:
        return [], 0
    rows = list(qs[offset : offset + limit])
    total = rows[0].search_total if rows else 0
    hit = search_kinds()[kind].hit
    return [hit(obj, q) for obj in rows], total


def search_site(user, q: str) -> list[KindResults]:
    """The first PER_KIND results of every kind, best first, with each kind's total.
    Anyone may call it; at most one query per kind."""
    results = []
    for key, label in kind_labels().items():
        hits, total = search_kind(user, q, key)
        results.append(KindResults(key=key, label=label, hits=hits, total=total))
    return results
