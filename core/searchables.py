"""The site search's registry: each app declares its searchable kinds in `<app>/searchables.py`.

A kind says which rows the user may find (the app's own visibility rule), how a hit is shown,
and which displayed text fields are indexed. The search app imports every app's
`searchables` module at start-up (search.apps) and searches the kinds registered here, so lower
apps never import search, and adding a kind touches one app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass
class Hit:
    """One result: where it links, its highlighted title and snippet, and a context line."""

    url: str
    title: str
    snippet: str = ""
    context: str = ""
    badges: list = field(default_factory=list)


@dataclass(frozen=True)
class SearchKind:
    """key: the `kind=` of the search URL; order: its place on the results page.

    visible(user) -> the rows the user may open (already select_related for `hit`);
    hit(obj, query) -> Hit; fields: the text fields the object's page shows, all of them
    matched; vector: None to use the model's stored search_vector column over `fields`, or an
    expression computed per row (core.search.bigram_vector) for a small table.
    """

    key: str
    label: str
    order: int
    visible: Callable[..., QuerySet]
    hit: Callable[..., Hit]
    fields: tuple[str, ...]
    vector: object = None


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    """Declare a searchable kind (called at import of an app's searchables module)."""
    if kind.key in _KINDS and _KINDS[kind.key] != kind:
        raise ValueError(f"search kind {kind.key!r} is registered twice")
    _KINDS[kind.key] = kind
    return kind


def search_kinds() -> dict[str, SearchKind]:
    """Every registered kind, in page order."""
    return {k.key: k for k in sorted(_KINDS.values(), key=lambda k: (k.order, k.key))}
